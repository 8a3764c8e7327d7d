package dev.rlaif.ppo;

import static dev.rlaif.ppo.RunConfig.require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of {@link PpoTrainer}: PPO with a learned critic, a frozen reference and a KL
 * penalty, as in Ziegler et al. 2019 and TRL's {@code PPOTrainer}. Field names follow TRL's
 * {@code PPOConfig} in camel case; defaults are TRL's unless a reason to differ is given.
 *
 * @param run the run's length, batch, optimiser, sampling, seed and output
 * @param ppoEpochs passes over each step's rollouts (TRL {@code num_ppo_epochs}); default 4
 * @param gamma discount factor (TRL {@code gamma}); default 1.0: an answer is one short episode
 *     whose reward arrives at its end, and discounting would only favour shorter answers
 * @param lambda GAE's λ (TRL {@code lam}); default 0.95, trading the critic's bias against
 *     Monte-Carlo variance as in TRL
 * @param clipRange the policy ratio's clip ε (TRL {@code cliprange}); default 0.2
 * @param clipRangeValue how far a value may move from its rollout value before clipping (TRL
 *     {@code cliprange_value}); default 0.2
 * @param vfCoef weight of the value loss (TRL {@code vf_coef}); default 0.1. The critic is a
 *     separate model with its own optimiser here, so the weight only scales its gradient before
 *     clipping
 * @param entropyCoef weight of an entropy bonus subtracted from the loss; default 0 (TRL has none):
 *     the KL penalty already keeps the policy from collapsing. Raise it (e.g. 0.01) when entropy
 *     falls too fast
 * @param klEstimator how each token's KL to the reference is estimated (TRL {@code kl_estimator});
 *     default {@link KlEstimator#K1}, unbiased and TRL's default
 * @param klCoef the KL coefficient β (TRL {@code kl_coef}), or its initial value when adaptive;
 *     default 0.05, TRL's current fixed default. TRL's legacy adaptive default started at 0.2, tuned
 *     for sentiment rewards of a larger scale than our [0,1] rubric scores; at 0.2 the penalty of a
 *     few nats of drift would outweigh the whole score
 * @param adaptiveKl whether β adapts towards {@link #klTarget} (Ziegler et al.); default false, as
 *     TRL today: a fixed β is one fewer moving part, and the adaptive rule's horizon is longer than
 *     a CPU run
 * @param klTarget the adaptive rule's target mean sequence KL in nats (TRL legacy {@code target});
 *     default 6, Ziegler et al.'s value for stylistic continuation
 * @param klHorizon samples over which the adaptive rule corrects a full proportional error (TRL
 *     legacy {@code horizon}); default 10000
 * @param whitenRewards whether to whiten per-token rewards over the batch, keeping their mean (TRL
 *     {@code whiten_rewards}); default false
 * @param whitenAdvantages whether to whiten advantages over the batch; default true, as TRL always
 *     does: it makes the clip range mean the same thing at any reward scale
 * @param scoreClip scores are clipped to {@code [−scoreClip, scoreClip]} before use (TRL legacy
 *     {@code score_clip}); default 0, meaning no clipping
 * @param missingEosPenalty subtracted from the score of an answer that hit the length limit
 *     without an EOS (TRL {@code missing_eos_penalty}); default 0, meaning none. The score then
 *     sits on the answer's last sampled token, as it would on an EOS
 * @param ratioThreshold a minibatch whose mean ratio {@code π/π_old} exceeds this is skipped (TRL
 *     legacy {@code ratio_threshold}); default 10, which only catches updates that have already
 *     gone wrong
 * @param earlyStopKl when greater than 0, the update stops (this epoch and the ones after) as soon
 *     as a minibatch's approximate KL to the rollout policy exceeds {@code 1.5·earlyStopKl} (TRL
 *     legacy {@code target_kl}, OpenAI Spinning Up's rule); default 0, meaning never
 * @param valueModel a checkpoint directory (Hugging Face layout with {@code v_head}, as the reward
 *     trainer writes) to initialise the critic from; default {@code null}: the critic starts as a
 *     copy of the policy with a fresh value head. It must share the policy's tokenizer
 */
public record PpoConfig(RunConfig run, int ppoEpochs, double gamma, double lambda, double clipRange,
        double clipRangeValue, double vfCoef, double entropyCoef, KlEstimator klEstimator, double klCoef,
        boolean adaptiveKl, double klTarget, double klHorizon, boolean whitenRewards, boolean whitenAdvantages,
        double scoreClip, double missingEosPenalty, double ratioThreshold, double earlyStopKl, Path valueModel) {

    /** Validates the fields. */
    public PpoConfig {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(klEstimator, "klEstimator");
        require(ppoEpochs >= 1, "ppoEpochs must be >= 1, got " + ppoEpochs);
        require(gamma >= 0 && gamma <= 1, "gamma must be in [0,1], got " + gamma);
        require(lambda >= 0 && lambda <= 1, "lambda must be in [0,1], got " + lambda);
        require(clipRange > 0, "clipRange must be > 0, got " + clipRange);
        require(clipRangeValue > 0, "clipRangeValue must be > 0, got " + clipRangeValue);
        require(vfCoef > 0, "vfCoef must be > 0, got " + vfCoef);
        require(entropyCoef >= 0, "entropyCoef must be >= 0, got " + entropyCoef);
        require(klCoef >= 0, "klCoef must be >= 0, got " + klCoef);
        require(!adaptiveKl || (klTarget > 0 && klHorizon > 0), "adaptive KL needs klTarget and klHorizon > 0");
        require(scoreClip >= 0, "scoreClip must be >= 0, got " + scoreClip);
        require(missingEosPenalty >= 0, "missingEosPenalty must be >= 0, got " + missingEosPenalty);
        require(ratioThreshold > 1, "ratioThreshold must be > 1, got " + ratioThreshold);
        require(earlyStopKl >= 0, "earlyStopKl must be >= 0, got " + earlyStopKl);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static PpoConfig defaults() {
        return builder().build();
    }

    /** The fields as a JSON-friendly map, for provenance and checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(run.toMap());
        m.put("num_ppo_epochs", ppoEpochs);
        m.put("gamma", gamma);
        m.put("lam", lambda);
        m.put("cliprange", clipRange);
        m.put("cliprange_value", clipRangeValue);
        m.put("vf_coef", vfCoef);
        m.put("entropy_coef", entropyCoef);
        m.put("kl_estimator", klEstimator.name().toLowerCase(java.util.Locale.ROOT));
        m.put("kl_coef", klCoef);
        m.put("adaptive_kl", adaptiveKl);
        m.put("kl_target", klTarget);
        m.put("kl_horizon", klHorizon);
        m.put("whiten_rewards", whitenRewards);
        m.put("whiten_advantages", whitenAdvantages);
        m.put("score_clip", scoreClip);
        m.put("missing_eos_penalty", missingEosPenalty);
        m.put("ratio_threshold", ratioThreshold);
        m.put("early_stop_kl", earlyStopKl);
        m.put("value_model", valueModel == null ? "policy" : valueModel.toString());
        return m;
    }

    /** Mutable builder; see the record's components for meanings and defaults. */
    public static final class Builder {
        private RunConfig run = RunConfig.builder().build();
        private int ppoEpochs = 4;
        private double gamma = 1.0;
        private double lambda = 0.95;
        private double clipRange = 0.2;
        private double clipRangeValue = 0.2;
        private double vfCoef = 0.1;
        private double entropyCoef;
        private KlEstimator klEstimator = KlEstimator.K1;
        private double klCoef = 0.05;
        private boolean adaptiveKl;
        private double klTarget = 6.0;
        private double klHorizon = 10_000;
        private boolean whitenRewards;
        private boolean whitenAdvantages = true;
        private double scoreClip;
        private double missingEosPenalty;
        private double ratioThreshold = 10.0;
        private double earlyStopKl;
        private Path valueModel;

        private Builder() {
        }

        /** Sets {@link PpoConfig#run()}. */
        public Builder run(RunConfig v) {
            run = v;
            return this;
        }

        /** Sets {@link PpoConfig#ppoEpochs()}. */
        public Builder ppoEpochs(int v) {
            ppoEpochs = v;
            return this;
        }

        /** Sets {@link PpoConfig#gamma()}. */
        public Builder gamma(double v) {
            gamma = v;
            return this;
        }

        /** Sets {@link PpoConfig#lambda()}. */
        public Builder lambda(double v) {
            lambda = v;
            return this;
        }

        /** Sets {@link PpoConfig#clipRange()}. */
        public Builder clipRange(double v) {
            clipRange = v;
            return this;
        }

        /** Sets {@link PpoConfig#clipRangeValue()}. */
        public Builder clipRangeValue(double v) {
            clipRangeValue = v;
            return this;
        }

        /** Sets {@link PpoConfig#vfCoef()}. */
        public Builder vfCoef(double v) {
            vfCoef = v;
            return this;
        }

        /** Sets {@link PpoConfig#entropyCoef()}. */
        public Builder entropyCoef(double v) {
            entropyCoef = v;
            return this;
        }

        /** Sets {@link PpoConfig#klEstimator()}. */
        public Builder klEstimator(KlEstimator v) {
            klEstimator = v;
            return this;
        }

        /** Sets {@link PpoConfig#klCoef()}. */
        public Builder klCoef(double v) {
            klCoef = v;
            return this;
        }

        /** Sets {@link PpoConfig#adaptiveKl()}. */
        public Builder adaptiveKl(boolean v) {
            adaptiveKl = v;
            return this;
        }

        /** Sets {@link PpoConfig#klTarget()}. */
        public Builder klTarget(double v) {
            klTarget = v;
            return this;
        }

        /** Sets {@link PpoConfig#klHorizon()}. */
        public Builder klHorizon(double v) {
            klHorizon = v;
            return this;
        }

        /** Sets {@link PpoConfig#whitenRewards()}. */
        public Builder whitenRewards(boolean v) {
            whitenRewards = v;
            return this;
        }

        /** Sets {@link PpoConfig#whitenAdvantages()}. */
        public Builder whitenAdvantages(boolean v) {
            whitenAdvantages = v;
            return this;
        }

        /** Sets {@link PpoConfig#scoreClip()}. */
        public Builder scoreClip(double v) {
            scoreClip = v;
            return this;
        }

        /** Sets {@link PpoConfig#missingEosPenalty()}. */
        public Builder missingEosPenalty(double v) {
            missingEosPenalty = v;
            return this;
        }

        /** Sets {@link PpoConfig#ratioThreshold()}. */
        public Builder ratioThreshold(double v) {
            ratioThreshold = v;
            return this;
        }

        /** Sets {@link PpoConfig#earlyStopKl()}. */
        public Builder earlyStopKl(double v) {
            earlyStopKl = v;
            return this;
        }

        /** Sets {@link PpoConfig#valueModel()}. */
        public Builder valueModel(Path v) {
            valueModel = v;
            return this;
        }

        /** The validated config. */
        public PpoConfig build() {
            return new PpoConfig(run, ppoEpochs, gamma, lambda, clipRange, clipRangeValue, vfCoef, entropyCoef,
                    klEstimator, klCoef, adaptiveKl, klTarget, klHorizon, whitenRewards, whitenAdvantages, scoreClip,
                    missingEosPenalty, ratioThreshold, earlyStopKl, valueModel);
        }
    }
}
