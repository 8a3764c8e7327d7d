package dev.rlaif.core;

import java.util.List;

/**
 * Tunes a policy against a reward model (PPO, GRPO, RLOO, ...).
 *
 * @param <P> the kind of policy the trainer can update (e.g. an rlaif-lm decoder policy)
 */
public interface PolicyTrainer<P extends Policy> {

    /**
     * Trains {@code policy} in place on prompts drawn from {@code tasks}, scoring its samples with
     * {@code reward}.
     */
    TrainingReport train(P policy, List<Task> tasks, RewardModel reward, TrainingListener listener);
}
