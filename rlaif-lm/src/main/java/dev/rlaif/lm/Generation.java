package dev.rlaif.lm;

/**
 * One sampled continuation of a prompt, as ids.
 *
 * @param promptIds the prompt the model saw (after any left truncation to fit {@code n_positions})
 * @param tokenIds the sampled ids, including the stop token when one ended the sample
 * @param logprobs the log-probability of each sampled id under the model's distribution at the
 *     sampling temperature (1 for greedy), before top-k/top-p truncation, as PPO's ratios expect
 * @param endedWithStop whether a stop token (EOS by default) ended the sample, rather than the
 *     length limit
 */
public record Generation(int[] promptIds, int[] tokenIds, float[] logprobs, boolean endedWithStop) {

    /** Checks that there is one log-prob per token. */
    public Generation {
        if (tokenIds.length != logprobs.length) {
            throw new IllegalArgumentException("tokenIds and logprobs differ in length: "
                    + tokenIds.length + " vs " + logprobs.length);
        }
    }
}
