package dev.rlaif.ppo;

import static dev.rlaif.ppo.RunConfig.require;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of {@link GrpoTrainer}: Group Relative Policy Optimisation (Shao et al. 2024,
 * "DeepSeekMath"), as TRL's {@code GRPOTrainer}. No critic: each task gets a group of answers, and
 * an answer's advantage is its score relative to its group's.
 *
 * @param run the run's length, batch, optimiser, sampling, seed and output; each step draws
 *     {@code promptsPerStep} tasks and samples {@code numGenerations} answers for each
 * @param numGenerations answers per task, G (TRL {@code num_generations}); default 8. At least 2,
 *     or no answer has anything to be compared with
 * @param numIterations passes over each step's rollouts, μ (TRL {@code num_iterations}); default 1,
 *     where the ratio is 1 at the first minibatch and clipping only acts on later minibatches
 * @param epsilon the ratio's lower clip ε (TRL {@code epsilon}); default 0.2
 * @param epsilonHigh the ratio's upper clip (TRL {@code epsilon_high}); default 0.2, equal to
 *     {@code epsilon}. DAPO's "clip-higher" raises it (0.28) to keep exploration alive
 * @param delta when greater than 0, caps the unclipped ratio at {@code delta} (TRL {@code delta},
 *     two-sided GRPO clipping); must then exceed {@code 1 + epsilonHigh}; default 0, meaning no cap
 * @param beta weight of the KL-to-reference term in the loss (TRL {@code beta}); default 0.04, the
 *     GRPO paper's value. TRL now defaults to 0 for verifiable rewards, but a learned reward model
 *     (as in RLAIF) can be exploited, and the KL term is what holds the policy near its SFT start
 * @param klEstimator the estimator in the loss's KL term; default {@link KlEstimator#K3}, the GRPO
 *     paper's, which stays non-negative per token
 * @param scaleRewards whether advantages are divided by their group's standard deviation (TRL
 *     {@code scale_rewards}); default true, as the paper. False gives Dr. GRPO's unbiased form
 * @param lossAggregation how per-token losses are averaged; default {@link LossAggregation#TOKEN_MEAN},
 *     TRL's current default, free of the paper's length bias
 * @param scoreClip scores are clipped to {@code [−scoreClip, scoreClip]}; default 0, meaning no
 *     clipping
 * @param missingEosPenalty subtracted from the score of an answer that hit the length limit
 *     without an EOS; default 0, meaning none
 */
public record GrpoConfig(RunConfig run, int numGenerations, int numIterations, double epsilon, double epsilonHigh,
        double delta, double beta, KlEstimator klEstimator, boolean scaleRewards, LossAggregation lossAggregation,
        double scoreClip, double missingEosPenalty) {

    /** Validates the fields. */
    public GrpoConfig {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(klEstimator, "klEstimator");
        Objects.requireNonNull(lossAggregation, "lossAggregation");
        require(numGenerations >= 2, "numGenerations must be >= 2, got " + numGenerations);
        require(numIterations >= 1, "numIterations must be >= 1, got " + numIterations);
        require(epsilon > 0 && epsilon < 1, "epsilon must be in (0,1), got " + epsilon);
        require(epsilonHigh > 0, "epsilonHigh must be > 0, got " + epsilonHigh);
        require(delta == 0 || delta > 1 + epsilonHigh, "delta must be 0 or > 1 + epsilonHigh, got " + delta);
        require(beta >= 0, "beta must be >= 0, got " + beta);
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
        m.put("epsilon", epsilon);
        m.put("epsilon_high", epsilonHigh);
        m.put("delta", delta);
        m.put("beta", beta);
        m.put("kl_estimator", klEstimator.name().toLowerCase(java.util.Locale.ROOT));
        m.put("scale_rewards", scaleRewards);
        m.put("loss_aggregation", lossAggregation.name().toLowerCase(java.util.Locale.ROOT));
        m.put("score_clip", scoreClip);
        m.put("missing_eos_penalty", missingEosPenalty);
        return m;
    }

    /** Mutable builder; see the record's components for meanings and defaults. */
    public static final class Builder {
        private RunConfig run = RunConfig.builder().build();
        private int numGenerations = 8;
        private int numIterations = 1;
        private double epsilon = 0.2;
        private double epsilonHigh = 0.2;
        private double delta;
        private double beta = 0.04;
        private KlEstimator klEstimator = KlEstimator.K3;
        private boolean scaleRewards = true;
        private LossAggregation lossAggregation = LossAggregation.TOKEN_MEAN;
        private double scoreClip;
        private double missingEosPenalty;

        private Builder() {
        }

        /** Sets {@link GrpoConfig#run()}. */
        public Builder run(RunConfig v) {
            run = v;
            return this;
        }

        /** Sets {@link GrpoConfig#numGenerations()}. */
        public Builder numGenerations(int v) {
            numGenerations = v;
            return this;
        }

        /** Sets {@link GrpoConfig#numIterations()}. */
        public Builder numIterations(int v) {
            numIterations = v;
            return this;
        }

        /** Sets {@link GrpoConfig#epsilon()}. */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** Sets {@link GrpoConfig#epsilonHigh()}. */
        public Builder epsilonHigh(double v) {
            epsilonHigh = v;
            return this;
        }

        /** Sets {@link GrpoConfig#delta()}. */
        public Builder delta(double v) {
            delta = v;
            return this;
        }

        /** Sets {@link GrpoConfig#beta()}. */
        public Builder beta(double v) {
            beta = v;
            return this;
        }

        /** Sets {@link GrpoConfig#klEstimator()}. */
        public Builder klEstimator(KlEstimator v) {
            klEstimator = v;
            return this;
        }

        /** Sets {@link GrpoConfig#scaleRewards()}. */
        public Builder scaleRewards(boolean v) {
            scaleRewards = v;
            return this;
        }

        /** Sets {@link GrpoConfig#lossAggregation()}. */
        public Builder lossAggregation(LossAggregation v) {
            lossAggregation = v;
            return this;
        }

        /** Sets {@link GrpoConfig#scoreClip()}. */
        public Builder scoreClip(double v) {
            scoreClip = v;
            return this;
        }

        /** Sets {@link GrpoConfig#missingEosPenalty()}. */
        public Builder missingEosPenalty(double v) {
            missingEosPenalty = v;
            return this;
        }

        /** The validated config. */
        public GrpoConfig build() {
            return new GrpoConfig(run, numGenerations, numIterations, epsilon, epsilonHigh, delta, beta, klEstimator,
                    scaleRewards, lossAggregation, scoreClip, missingEosPenalty);
        }
    }
}
