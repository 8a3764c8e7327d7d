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
 * Group Relative Policy Optimisation (Shao et al. 2024), as TRL's {@code GRPOTrainer}: each step
 * samples {@link GrpoConfig#numGenerations()} answers per task, takes each answer's score minus its
 * group's mean (divided by the group's standard deviation when
 * {@link GrpoConfig#scaleRewards()}) as the advantage of all its tokens, and minimises the clipped
 * ratio loss plus {@code β·KL} to a frozen reference. No critic is trained, which halves the memory
 * and the compute of PPO's update, the reason to prefer it on a small CPU budget.
 *
 * <p>The reference is scored even when {@link GrpoConfig#beta()} is 0, so that
 * {@code objective/kl} always reports how far the policy has drifted.
 *
 * <p>Checkpoints, resume, statistics and the in-place training of the policy work as for
 * {@link PpoTrainer}; the statistics have no value entries.
 */
public final class GrpoTrainer implements PolicyTrainer<DecoderPolicy> {

    /** Added to a group's standard deviation before dividing, as TRL does. */
    static final double STD_EPS = 1e-4;

    private final GrpoConfig cfg;

    /** A trainer with the given configuration. */
    public GrpoTrainer(GrpoConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
    }

    /** The configuration. */
    public GrpoConfig config() {
        return cfg;
    }

    /**
     * Trains {@code policy} in place; see {@link PpoTrainer#train} for the arguments and the result.
     */
    @Override
    public TrainingReport train(DecoderPolicy policy, List<Task> tasks, RewardModel reward, TrainingListener listener) {
        Trainers.checkPolicy(policy, cfg.run());
        CriticFreeAlgorithm.Spec spec = new CriticFreeAlgorithm.Spec("grpo", cfg.toMap(), cfg.run(),
                cfg.numGenerations(), cfg.numIterations(), cfg.epsilon(), cfg.epsilonHigh(), cfg.delta(), cfg.beta(), 0,
                cfg.klEstimator(), cfg.lossAggregation(),
                (rewards, group) -> Advantages.groupNormalised(rewards, group, cfg.scaleRewards(), STD_EPS),
                cfg.scoreClip(), cfg.missingEosPenalty());
        try (Gpt2Model reference = policy.model().copy();
                CriticFreeAlgorithm algorithm = new CriticFreeAlgorithm(spec, policy.model(), policy.tokenizer().padId())) {
            return RunLoop.run(cfg.run(), algorithm, policy, reference, tasks, reward, listener);
        }
    }
}
