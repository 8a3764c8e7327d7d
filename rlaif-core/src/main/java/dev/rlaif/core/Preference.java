package dev.rlaif.core;

import java.util.Objects;

/**
 * A pairwise preference between two answers to the same prompt.
 *
 * @param taskId the {@link Task#id()}
 * @param prompt the prompt both answers respond to
 * @param chosen the preferred answer (when invalid: the first answer as given)
 * @param rejected the other answer
 * @param margin how strongly {@code chosen} is preferred, >= 0 (0 when unknown); used by the
 *     Bradley–Terry loss {@code -log σ(r_c - r_r - margin)}
 * @param valid false when the judge's reply could not be read; such a preference must not be
 *     trained on
 * @param rawReply the judge's raw reply, for audit
 */
public record Preference(String taskId, String prompt, String chosen, String rejected, double margin,
        boolean valid, String rawReply) {

    /** Validates the fields. */
    public Preference {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("margin must be >= 0, got " + margin);
        }
        rawReply = rawReply == null ? "" : rawReply;
    }
}
