package dev.rlaif.core.io;

/**
 * Bad input data: names the source (a file path or classpath resource), the 1-based line, and
 * what was wrong, e.g. {@code data/x.jsonl:17: missing key 'api_call'}.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /**
     * @param source the file or resource name
     * @param line 1-based line number, or 0 when the problem is not tied to a line
     * @param problem what was wrong
     * @param cause the underlying parse error, or null
     */
    public InvalidInputException(String source, long line, String problem, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.source = source;
        this.line = line;
    }

    /** Same, without a cause. */
    public InvalidInputException(String source, long line, String problem) {
        this(source, line, problem, null);
    }

    /** The file or resource name. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0. */
    public long line() {
        return line;
    }
}
