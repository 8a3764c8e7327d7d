package dev.rlaif.ppo;

import dev.rlaif.core.PolicyTrainer;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Model;
import java.util.List;
import java.util.Objects;

/**
 * REINFORCE Leave-One-Out (Ahmadian et al. 2024), as TRL's {@code RLOOTrainer}: each step samples
 * {@link RlooConfig#numGenerations()} answers per task; an answer's reward is its score minus
 * {@code β·Σ KL} to the reference, and its advantage is that reward minus the mean reward of the
 * other answers to the same task, an unbiased baseline without a critic. The advantage applies to
 * every token of the answer under the clipped ratio loss.
 *
 * <p>Checkpoints, resume, statistics and the in-place training of the policy work as for
 * {@link PpoTrainer}; the statistics have no value entries.
 */
public final class RlooTrainer implements PolicyTrainer<DecoderPolicy> {

    private final RlooConfig cfg;

    /** A trainer with the given configuration. */
    public RlooTrainer(RlooConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
    }

    /** The configuration. */
    public RlooConfig config() {
        return cfg;
    }

    /**
     * Trains {@code policy} in place; see {@link PpoTrainer#train} for the arguments and the result.
     */
    @Override
    public TrainingReport train(DecoderPolicy policy, List<Task> tasks, RewardModel reward, TrainingListener listener) {
        Trainers.checkPolicy(policy, cfg.run());
        CriticFreeAlgorithm.Spec spec = new CriticFreeAlgorithm.Spec("rloo", cfg.toMap(), cfg.run(),
                cfg.numGenerations(), cfg.numIterations(), cfg.clipRange(), cfg.clipRange(), 0, 0, cfg.klCoef(),
                cfg.klEstimator(), cfg.lossAggregation(), (rewards, group) -> {
                    double[] adv = Advantages.leaveOneOut(rewards, group);
                    if (cfg.normalizeAdvantages()) {
                        double[][] rows = {adv};
                        Advantages.whiten(rows, true);
                    }
                    return adv;
                }, cfg.scoreClip(), cfg.missingEosPenalty());
        try (Gpt2Model reference = policy.model().copy();
                CriticFreeAlgorithm algorithm = new CriticFreeAlgorithm(spec, policy.model(), policy.tokenizer().padId())) {
            return RunLoop.run(cfg.run(), algorithm, policy, reference, tasks, reward, listener);
        }
    }
}
