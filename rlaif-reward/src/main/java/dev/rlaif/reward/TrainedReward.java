package dev.rlaif.reward;

import dev.rlaif.core.TrainingReport;
import java.util.Objects;

/**
 * What {@link RewardTrainer} returns: the trained model, how it does on the held-out tasks, and the
 * training history. The caller owns the model and closes it.
 *
 * @param model the reward model with the lowest validation loss seen
 * @param evaluation its evaluation on the held-out tasks (also written to {@code evaluation.json})
 * @param report per-step statistics ({@code train/loss}, {@code train/grad_norm},
 *     {@code train/learning_rate}, {@code eval/loss}); empty when a finished run was reloaded
 */
public record TrainedReward(LearnedRewardModel model, RewardEvaluation evaluation, TrainingReport report) {

    /** Validates. */
    public TrainedReward {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(report, "report");
    }
}
