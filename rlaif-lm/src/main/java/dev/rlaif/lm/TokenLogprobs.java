package dev.rlaif.lm;

/**
 * Per-token scores of a batch's completions on the host, without gradients: row {@code b} holds
 * exactly {@code completions[b].length} values (no padding).
 *
 * @param logprobs log-probability of each completion token
 * @param entropy entropy of each next-token distribution
 * @param values the value head's estimate before each token, or {@code null} without a value head
 */
public record TokenLogprobs(float[][] logprobs, float[][] entropy, float[][] values) {
}
