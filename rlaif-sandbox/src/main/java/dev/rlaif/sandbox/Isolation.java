package dev.rlaif.sandbox;

import java.util.Locale;

/** The isolation a check actually ran under; recorded in every {@link ExecResult}. */
public enum Isolation {
    /**
     * bubblewrap: no network, read-only system, private temporary directory, no home, no project
     * checkout, no inherited environment, own pid namespace, plus the resource limits.
     */
    BUBBLEWRAP,
    /**
     * Resource limits and a clean environment only. The code can read and write whatever the JVM's
     * user can, and reach the network; used only where bubblewrap is missing or unusable.
     */
    LIMITS_ONLY;

    /** The lower-case id used in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
