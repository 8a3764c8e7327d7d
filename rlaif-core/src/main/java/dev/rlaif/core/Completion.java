package dev.rlaif.core;

import java.util.Objects;

/**
 * One sampled answer of a policy for one task.
 *
 * <p>The arrays are not copied (they can be long and are produced once per sample); treat them as
 * read-only. {@code equals} compares the arrays by identity, as for any record with array fields.
 *
 * @param taskId the {@link Task#id()} this answers
 * @param text the decoded completion text, without the prompt and without the stop token
 * @param tokenIds the sampled token ids, including the EOS token when one was produced
 * @param logprobs the log-probability under the sampling policy of each sampled token
 *     (same length as {@code tokenIds}); empty when the producer does not track them
 * @param endedWithEos whether generation stopped on an end-of-sequence or stop token rather
 *     than the length limit
 */
public record Completion(String taskId, String text, int[] tokenIds, float[] logprobs, boolean endedWithEos) {

    /** Validates the fields. */
    public Completion {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(text, "text");
        tokenIds = tokenIds == null ? new int[0] : tokenIds;
        logprobs = logprobs == null ? new float[0] : logprobs;
        if (logprobs.length != 0 && logprobs.length != tokenIds.length) {
            throw new IllegalArgumentException(
                    "logprobs length " + logprobs.length + " != tokenIds length " + tokenIds.length);
        }
    }

    /** A text-only completion (no tokens tracked), e.g. a reference answer or a file of responses. */
    public static Completion ofText(String taskId, String text) {
        return new Completion(taskId, text, null, null, true);
    }

    /** Sum of the sampled tokens' log-probabilities (0 when none are tracked). */
    public double sumLogprob() {
        double s = 0;
        for (float lp : logprobs) {
            s += lp;
        }
        return s;
    }
}
