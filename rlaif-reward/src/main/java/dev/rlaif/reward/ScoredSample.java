package dev.rlaif.reward;

import dev.rlaif.core.Task;
import java.util.Objects;

/**
 * One completion of a task with the judge's rubric score: the unit a reward model learns from.
 *
 * @param task the task the completion answers
 * @param completion the completion text exactly as the policy produced it (the prompt is not part of
 *     it; the reward model prepends {@link dev.rlaif.core.PromptFormat#prompt(Task)})
 * @param score the judge's score in [0,1]
 */
public record ScoredSample(Task task, String completion, double score) {

    /** Validates the fields: a NaN score (no valid rubric answer) cannot be learned from. */
    public ScoredSample {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(completion, "completion");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1], got " + score + " for task " + task.id());
        }
    }
}
