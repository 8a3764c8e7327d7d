package dev.rlaif.core;

import java.util.List;
import java.util.Objects;

/**
 * The AI feedback on one completion: the rubric answers and the score made from them.
 *
 * @param taskId the {@link Task#id()}
 * @param completion the judged completion text
 * @param score weighted mean of P(yes) over the valid answers, in [0,1]; {@code NaN} when no
 *     answer was valid
 * @param answers the per-question answers, in rubric order
 * @param rawReply the judge's raw reply text(s), kept for audit; never contains the API key
 * @param model the judge model's name (e.g. {@code gpt-3.5-turbo} or {@code offline-apidb})
 * @param promptTokens prompt tokens billed (0 for offline judges)
 * @param completionTokens completion tokens billed (0 for offline judges)
 * @param latencyMillis wall time of the judgement
 */
public record Feedback(
        String taskId,
        String completion,
        double score,
        List<QuestionAnswer> answers,
        String rawReply,
        String model,
        long promptTokens,
        long completionTokens,
        long latencyMillis) {

    /** Validates and copies the answers. */
    public Feedback {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(completion, "completion");
        answers = List.copyOf(answers);
        rawReply = rawReply == null ? "" : rawReply;
        model = model == null ? "" : model;
        if (!Double.isNaN(score) && (score < 0 || score > 1)) {
            throw new IllegalArgumentException("score must be in [0,1] or NaN, got " + score);
        }
    }

    /** True when at least one answer was valid, so {@link #score()} is a number. */
    public boolean valid() {
        return !Double.isNaN(score);
    }

    /**
     * The rubric score of a list of answers: the weighted mean of P(yes) over the valid ones, or
     * NaN when none is valid (or all valid weights are zero).
     */
    public static double weightedScore(List<QuestionAnswer> answers) {
        double num = 0;
        double den = 0;
        for (QuestionAnswer a : answers) {
            if (a.valid()) {
                num += a.weight() * a.pYes();
                den += a.weight();
            }
        }
        return den > 0 ? Math.min(1.0, Math.max(0.0, num / den)) : Double.NaN;
    }
}
