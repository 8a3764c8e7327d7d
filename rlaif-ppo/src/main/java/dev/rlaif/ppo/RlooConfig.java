package dev.rlaif.ppo;

import static dev.rlaif.ppo.RunConfig.require;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of {@link RlooTrainer}: REINFORCE Leave-One-Out (Kool et al. 2019; Ahmadian et
 * al. 2024, "Back to Basics"), as TRL's {@code RLOOTrainer}. No critic: each task gets k answers,
 * and each answer's baseline is the mean reward of the other k − 1. The KL penalty goes into the
 * reward, as in the RLOO paper.
 *
 * @param run the run's length, batch, optimiser, sampling, seed and output; each step draws
 *     {@code promptsPerStep} tasks and samples {@code numGenerations} answers for each
 * @param numGenerations answers per task, k (TRL {@code rloo_k} / {@code num_generations}); default
 *     4, where Ahmadian et al. found most of the gain; at least 2
 * @param numIterations passes over each step's rollouts (TRL {@code num_ppo_epochs}); default 1
 * @param clipRange the ratio's clip ε (TRL {@code cliprange}); default 0.2; acts once the policy
 *     has moved within a step (later minibatches or passes)
 * @param klCoef β of the sequence-level penalty {@code −β·Σ KL} added to each answer's reward (TRL
 *     {@code kl_coef}); default 0.05, TRL's
 * @param klEstimator the per-token estimator summed into that penalty; default
 *     {@link KlEstimator#K1}, TRL's
 * @param normalizeAdvantages whether advantages are whitened over the batch (TRL
 *     {@code normalize_advantage}); default false, as TRL
 * @param lossAggregation how per-token losses are averaged; default {@link LossAggregation#TOKEN_MEAN}
 * @param scoreClip scores are clipped to {@code [−scoreClip, scoreClip]}; default 0, meaning no
 *     clipping
 * @param missingEosPenalty subtracted from the score of an answer that hit the length limit
 *     without an EOS; default 0, meaning none
 */
public record RlooConfig(RunConfig run, int numGenerations, int numIterations, double clipRange, double klCoef,
        KlEstimator klEstimator, boolean normalizeAdvantages, LossAggregation lossAggregation, double scoreClip,
        double missingEosPenalty) {

    /** Validates the fields. */
    public RlooConfig {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(klEstimator, "klEstimator");
        Objects.requireNonNull(lossAggregation, "lossAggregation");
        require(numGenerations >= 2, "numGenerations must be >= 2, got " + numGenerations);
        require(numIterations >= 1, "numIterations must be >= 1, got " + numIterations);
        require(clipRange > 0 && clipRange < 1, "clipRange must be in (0,1), got " + clipRange);
        require(klCoef >= 0, "klCoef must be >= 0, got " + klCoef);
        require(scoreClip >= 0, "scoreClip must be >= 0, got " + scoreClip);
        require(missingEosPenalty >= 0, "missingEosPenalty must be >= 0, got " + missingEosPenalty);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fields as a JSON-friendly map, for provenance and checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(run.toMap());
        m.put("num_generations", numGenerations);
        m.put("num_iterations", numIterations);
        m.put("cliprange", clipRange);
        m.put("kl_coef", klCoef);
        m.put("kl_estimator", klEstimator.name().toLowerCase(java.util.Locale.ROOT));
        m.put("normalize_advantage", normalizeAdvantages);
        m.put("loss_aggregation", lossAggregation.name().toLowerCase(java.util.Locale.ROOT));
        m.put("score_clip", scoreClip);
        m.put("missing_eos_penalty", missingEosPenalty);
        return m;
    }

    /** Mutable builder; see the record's components for meanings and defaults. */
    public static final class Builder {
        private RunConfig run = RunConfig.builder().build();
        private int numGenerations = 4;
        private int numIterations = 1;
        private double clipRange = 0.2;
        private double klCoef = 0.05;
        private KlEstimator klEstimator = KlEstimator.K1;
        private boolean normalizeAdvantages;
        private LossAggregation lossAggregation = LossAggregation.TOKEN_MEAN;
        private double scoreClip;
        private double missingEosPenalty;

        private Builder() {
        }

        /** Sets {@link RlooConfig#run()}. */
        public Builder run(RunConfig v) {
            run = v;
            return this;
        }

        /** Sets {@link RlooConfig#numGenerations()}. */
        public Builder numGenerations(int v) {
            numGenerations = v;
            return this;
        }

        /** Sets {@link RlooConfig#numIterations()}. */
        public Builder numIterations(int v) {
            numIterations = v;
            return this;
        }

        /** Sets {@link RlooConfig#clipRange()}. */
        public Builder clipRange(double v) {
            clipRange = v;
            return this;
        }

        /** Sets {@link RlooConfig#klCoef()}. */
        public Builder klCoef(double v) {
            klCoef = v;
            return this;
        }

        /** Sets {@link RlooConfig#klEstimator()}. */
        public Builder klEstimator(KlEstimator v) {
            klEstimator = v;
            return this;
        }

        /** Sets {@link RlooConfig#normalizeAdvantages()}. */
        public Builder normalizeAdvantages(boolean v) {
            normalizeAdvantages = v;
            return this;
        }

        /** Sets {@link RlooConfig#lossAggregation()}. */
        public Builder lossAggregation(LossAggregation v) {
            lossAggregation = v;
            return this;
        }

        /** Sets {@link RlooConfig#scoreClip()}. */
        public Builder scoreClip(double v) {
            scoreClip = v;
            return this;
        }

        /** Sets {@link RlooConfig#missingEosPenalty()}. */
        public Builder missingEosPenalty(double v) {
            missingEosPenalty = v;
            return this;
        }

        /** The validated config. */
        public RlooConfig build() {
            return new RlooConfig(run, numGenerations, numIterations, clipRange, klCoef, klEstimator,
                    normalizeAdvantages, lossAggregation, scoreClip, missingEosPenalty);
        }
    }
}
