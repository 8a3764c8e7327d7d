package dev.rlaif.sandbox;

import java.util.Locale;

/**
 * How a snippet ended. The categories separate what a hallucinating model gets wrong (a made-up
 * import, name, attribute or model id) from what the sandbox cut short (time, memory, output) and
 * from ordinary crashes, so executability numbers can be broken down by cause.
 */
public enum Verdict {
    /** Ran to the end (or called {@code sys.exit(0)}). */
    OK,
    /** Does not compile ({@code SyntaxError}, {@code IndentationError}). */
    SYNTAX_ERROR,
    /** Imports a module, or a name from a module, that does not exist. */
    IMPORT_ERROR,
    /** Uses an undefined name that is not a placeholder input. */
    NAME_ERROR,
    /** Uses an attribute that the module or object does not have. */
    ATTRIBUTE_ERROR,
    /** Calls something with the wrong kinds or number of arguments. */
    TYPE_ERROR,
    /** Loads a model id, repo, hub URL or pipeline task that the hub does not have. */
    API_ERROR,
    /** Ran past the wall-clock limit; the whole process tree was killed. */
    TIMEOUT,
    /** Hit the CPU, memory, process, file or output limit. */
    RESOURCE_LIMIT,
    /** Any other exception, a signal, or an exit without a verdict. */
    CRASHED;

    /** The lower-case id used in JSON and in {@link dev.rlaif.core.MetricResult#detail()}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an id such as {@code api_error}.
     *
     * @throws IllegalArgumentException naming the accepted ids
     */
    public static Verdict parse(String id) {
        for (Verdict v : values()) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + id + "'");
    }
}
