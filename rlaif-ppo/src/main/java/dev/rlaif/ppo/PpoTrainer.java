package dev.rlaif.ppo;

import dev.rlaif.core.PolicyTrainer;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.io.HfCheckpoint;
import java.util.List;
import java.util.Objects;

/**
 * Proximal Policy Optimisation with a learned critic, a frozen reference and a KL penalty: the
 * RLHF recipe of Ziegler et al. 2019 and Ouyang et al. 2022, as TRL's {@code PPOTrainer}, with
 * TRL's known gaps closed.
 *
 * <p><b>Each step</b> draws {@code promptsPerStep} tasks, samples one answer each with the policy's
 * KV-cached sampler, scores the answers with the {@link RewardModel}, and measures the policy's,
 * the reference's and the critic's view of every token. The per-token reward is {@code −β·KL_t},
 * plus the score on the answer's last real token (its EOS, or the last token before the length
 * limit, which then also pays {@link PpoConfig#missingEosPenalty()}). GAE turns rewards and values
 * into advantages; {@link PpoConfig#ppoEpochs()} passes of minibatch updates follow, each with the
 * clipped policy loss, the clipped value loss and global-norm clipping per model. The statistics
 * go to the listener, to {@code stats.jsonl} and to a progress bar on stderr.
 *
 * <p><b>Statistics</b> (per step, TRL's names): {@code objective/kl}, the mean over answers of
 * their summed per-token KL estimates; {@code objective/entropy}, the mean over answers of their
 * summed per-token entropies, computed exactly from the policy's distributions (TRL estimates it
 * from the sampled tokens' log-probabilities); {@code objective/scores}, the mean shaped score;
 * {@code objective/rlhf_reward}, that minus {@code β·objective/kl}; {@code policy/approxkl_avg},
 * {@code policy/clipfrac_avg}, {@code loss/policy_avg}, {@code loss/value_avg} and
 * {@code val/ratio}, means over the update's minibatches; {@code val/num_eos_tokens}, the answers
 * that ended with EOS. Also {@code objective/kl_coef}, {@code lr}, {@code episode},
 * {@code policy/skipped_minibatches}, {@code policy/early_stopped} and {@code time/*}.
 *
 * <p><b>Models.</b> The policy is trained in place; save it afterwards with
 * {@link HfCheckpoint}. The reference is a frozen copy of the policy as it was when the run first
 * started. The critic is a separate decoder with a value head, initialised from
 * {@link PpoConfig#valueModel()} (a reward-model checkpoint) or from the policy with a fresh head;
 * it has its own AdamW, so the value loss's scale never shrinks the policy's step.
 *
 * <p><b>Resume.</b> With an output directory, the trainer checkpoints the policy, the critic, the
 * reference, both optimisers' moments, the KL coefficient and the step; every random draw is
 * seeded by the run's seed and the step. Calling {@link #train} again with the same config and
 * output directory (after a crash or a kill) continues exactly where the last checkpoint left off:
 * on the CPU, the final weights equal those of an uninterrupted run.
 */
public final class PpoTrainer implements PolicyTrainer<DecoderPolicy> {

    private final PpoConfig cfg;

    /** A trainer with the given configuration. */
    public PpoTrainer(PpoConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
    }

    /** The configuration. */
    public PpoConfig config() {
        return cfg;
    }

    /**
     * Trains {@code policy} in place.
     *
     * @param tasks the prompts to draw from, in a fixed order (the seed shuffles them)
     * @param reward scores each sampled answer; called once per step with the whole batch
     * @param listener receives each step's statistics
     * @return the steps taken, per-step statistics (those of steps before a resume included), wall
     *     time of this call, and the final checkpoint (or {@code null} without an output directory)
     */
    @Override
    public TrainingReport train(DecoderPolicy policy, List<Task> tasks, RewardModel reward, TrainingListener listener) {
        Trainers.checkPolicy(policy, cfg.run());
        try (Gpt2Model reference = policy.model().copy();
                PpoAlgorithm algorithm = new PpoAlgorithm(cfg, policy.model(), initialValueModel(policy.model()),
                        policy.tokenizer().padId())) {
            return RunLoop.run(cfg.run(), algorithm, policy, reference, tasks, reward, listener);
        }
    }

    private Gpt2Model initialValueModel(Gpt2Model policy) {
        if (cfg.valueModel() == null) {
            return policy.withNewValueHead(Seeds.derive(cfg.run().seed(), Seeds.VALUE_HEAD));
        }
        HfCheckpoint ckpt = HfCheckpoint.load(cfg.valueModel());
        if (!ckpt.hasValueHead()) {
            throw new IllegalArgumentException("value model " + cfg.valueModel() + " has no value head (v_head)");
        }
        if (ckpt.config().vocabSize() != policy.config().vocabSize()) {
            throw new IllegalArgumentException("value model " + cfg.valueModel() + " has vocab_size "
                    + ckpt.config().vocabSize() + " but the policy has " + policy.config().vocabSize()
                    + "; the critic must read the policy's tokens");
        }
        return Gpt2Model.fromHost(ckpt.config(), ckpt.tensors());
    }
}
