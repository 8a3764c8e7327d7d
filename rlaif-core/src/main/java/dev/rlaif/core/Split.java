package dev.rlaif.core;

import java.util.Locale;

/** Which side of a train/eval split a task comes from. */
public enum Split {
    /** Tasks a policy, judge or reward model may learn from. */
    TRAIN,
    /** Held-out tasks, used only for evaluation. */
    EVAL;

    /** Lower-case id, as used in files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code train} or {@code eval} (case-insensitive). */
    public static Split parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown split '" + s + "': expected train or eval");
        }
    }
}
