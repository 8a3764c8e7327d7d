package dev.rlaif.sandbox;

import java.util.Objects;

/**
 * The outcome of one sandboxed run.
 *
 * @param verdict how the run ended
 * @param exceptionType the Python exception type (e.g. {@code OSError}), or "" when none
 * @param message the exception message, the limit that was hit, or ""
 * @param stdout the start of standard output, cut at {@link SandboxConfig#keptOutputBytes()}
 * @param stderr the start of standard error, cut the same way
 * @param wallMillis wall-clock time of the run, including interpreter start-up
 * @param isolation the isolation the run had
 * @param exitCode the exit status of the sandbox process (128 + signal when killed), or -1 when
 *     the sandbox killed it
 */
public record ExecResult(Verdict verdict, String exceptionType, String message, String stdout, String stderr,
        long wallMillis, Isolation isolation, int exitCode) {

    /** Null strings become "". */
    public ExecResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(isolation, "isolation");
        exceptionType = exceptionType == null ? "" : exceptionType;
        message = message == null ? "" : message;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** True when the verdict is {@link Verdict#OK}. */
    public boolean ok() {
        return verdict == Verdict.OK;
    }

    /** A one-line summary, e.g. {@code api_error: OSError: foo/bar is not a local folder ...}. */
    public String summary() {
        String first = message.lines().findFirst().orElse("");
        if (exceptionType.isEmpty()) {
            return first.isEmpty() ? verdict.id() : verdict.id() + ": " + first;
        }
        return verdict.id() + ": " + exceptionType + (first.isEmpty() ? "" : ": " + first);
    }
}
