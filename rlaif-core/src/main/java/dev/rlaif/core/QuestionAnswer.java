package dev.rlaif.core;

import java.util.Objects;

/**
 * A judge's answer to one rubric question.
 *
 * @param questionId the rubric question's stable id, e.g. {@code api_exists}
 * @param pYes probability that the answer is "yes", in [0,1]; {@code NaN} when invalid
 * @param valid false when the judge's reply could not be read for this question; an invalid answer
 *     is never counted as "no"
 * @param weight the question's weight in the rubric score
 */
public record QuestionAnswer(String questionId, double pYes, boolean valid, double weight) {

    /** Validates the fields. */
    public QuestionAnswer {
        Objects.requireNonNull(questionId, "questionId");
        if (valid && !(pYes >= 0 && pYes <= 1)) {
            throw new IllegalArgumentException("pYes must be in [0,1] for a valid answer, got " + pYes);
        }
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight);
        }
    }

    /** An invalid (unparsable) answer. */
    public static QuestionAnswer invalid(String questionId, double weight) {
        return new QuestionAnswer(questionId, Double.NaN, false, weight);
    }
}
