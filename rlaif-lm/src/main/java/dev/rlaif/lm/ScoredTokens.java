package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;

/**
 * Per-token scores of a batch's completions, as NDArrays in the caller's step manager, carrying
 * gradients when the thread records them (PPO's policy and value losses are built from these).
 * Every array is {@code [B, C]} in {@link TokenBatch}'s layout and zero on padding.
 *
 * @param logprobs log-probability of each completion token
 * @param entropy entropy of each next-token distribution, or {@code null} when not requested
 * @param values the value head's estimate at the state before each token, or {@code null} without
 *     a value head
 * @param mask 1 on real completion tokens, 0 on padding (same float type as the others)
 */
public record ScoredTokens(NDArray logprobs, NDArray entropy, NDArray values, NDArray mask) {
}
