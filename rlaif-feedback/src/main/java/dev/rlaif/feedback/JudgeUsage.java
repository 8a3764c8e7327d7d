package dev.rlaif.feedback;

/**
 * What a network judge has used so far, for the progress line and the run report.
 *
 * @param requests HTTP requests sent, retries included
 * @param retries requests that were retries
 * @param failures judgements given up on (retries exhausted or a non-retryable error)
 * @param malformed replies that arrived but could not be read as a chat completion
 * @param promptTokens prompt tokens billed
 * @param completionTokens completion tokens billed
 * @param costUsd spend at the configured prices
 */
public record JudgeUsage(long requests, long retries, long failures, long malformed, long promptTokens,
        long completionTokens, double costUsd) {
}
