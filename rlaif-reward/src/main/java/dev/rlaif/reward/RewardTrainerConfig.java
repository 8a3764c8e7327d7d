package dev.rlaif.reward;

import dev.rlaif.lm.AdamW;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link RewardTrainer} trains a reward model. Immutable; start from {@link #defaults()} and
 * change fields with {@link #toBuilder()}. The defaults suit the common case of a reward model
 * initialised from the SFT policy; a tiny model trained from scratch wants a larger learning rate
 * and more epochs (see the tests and {@code rlaif reward train}).
 *
 * @param objective what to fit. Default {@link RewardObjective#MSE}: the rubric gives an absolute
 *     score per answer, and regressing on it keeps the reward on the judge's readable [0,1] scale
 *     and uses every answer, not only pairs of the same task.
 * @param epochs passes over the training samples (or pairs). Default 2: reward models overfit their
 *     judge quickly (InstructGPT trained one epoch); early stopping ends sooner when the held-out
 *     loss stops improving.
 * @param batchSize samples per optimiser step, or pairs for Bradley–Terry (two sequences each).
 *     Default 16: small enough for CPU steps of well under a second on small models.
 * @param learningRate peak learning rate of the warm-up/cosine schedule. Default 1e-4: gentle
 *     enough not to wash out the SFT features the head reads.
 * @param warmupRatio share of all steps spent warming up linearly. Default 0.05.
 * @param minLrRatio the cosine floor as a share of the peak. Default 0.1, so late steps still move.
 * @param optimizer AdamW's moments and weight decay. Default {@link AdamW.Settings#defaults()}
 *     (beta1 0.9, beta2 0.95, eps 1e-8, decoupled weight decay 0.1 on matrices only), the
 *     GPT-style recipe the rest of rlaif4j trains with.
 * @param maxGradNorm global gradient-norm clip. Default 1.0, TRL's default.
 * @param evalEvery steps between validation losses, which are also the checkpoints (and therefore
 *     the resume points). Default 50.
 * @param patience validations without improvement before training stops early; 0 never stops
 *     early. Default 5. The final model is always the one with the lowest validation loss.
 * @param validationFraction share of the <em>training</em> tasks kept aside for the validation
 *     loss that drives early stopping; the caller's held-out tasks are never used for it, so their
 *     evaluation stays unbiased. Default 0.1.
 * @param centringCoefficient λ of the reward-centring term {@code λ·(r_c + r_r)²} added to the
 *     Bradley–Terry loss, which pins the pairwise model's free offset near 0. Default 0 (off, as in
 *     TRL); 0.01 is the value of Eisenstein et al. (2023).
 * @param pairMinGap pairs derived from rubric scores need the two judge scores to differ by at
 *     least this. Default 0.1: closer scores are within one rubric question's weight and mostly
 *     judge noise.
 * @param marginScale the Bradley–Terry margin of a derived pair is {@code marginScale · (s_c − s_r)}
 *     (given preferences use their own margin column). Default 0: no margin, the plain BT loss.
 * @param maxLength the longest token sequence read (prompt plus answer, cut from the left); 0 means
 *     the model's {@code n_positions}. Default 0.
 * @param scoreBatchSize rows per no-grad forward when scoring. Default 64: fills a CPU's GEMMs at
 *     small widths; rows are sorted by length first, so padding stays small.
 * @param seed seeds the value head, the task split for validation and the data order. Default 42.
 */
public record RewardTrainerConfig(RewardObjective objective, int epochs, int batchSize, double learningRate,
        double warmupRatio, double minLrRatio, AdamW.Settings optimizer, double maxGradNorm, int evalEvery,
        int patience, double validationFraction, double centringCoefficient, double pairMinGap,
        double marginScale, int maxLength, int scoreBatchSize, long seed) {

    /** Validates every field. */
    public RewardTrainerConfig {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(optimizer, "optimizer");
        require(epochs >= 1, "epochs must be >= 1", epochs);
        require(batchSize >= 1, "batchSize must be >= 1", batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0", learningRate);
        require(warmupRatio >= 0 && warmupRatio < 1, "warmupRatio must be in [0,1)", warmupRatio);
        require(minLrRatio >= 0 && minLrRatio <= 1, "minLrRatio must be in [0,1]", minLrRatio);
        require(maxGradNorm > 0, "maxGradNorm must be > 0", maxGradNorm);
        require(evalEvery >= 1, "evalEvery must be >= 1", evalEvery);
        require(patience >= 0, "patience must be >= 0", patience);
        require(validationFraction > 0 && validationFraction < 1, "validationFraction must be in (0,1)",
                validationFraction);
        require(centringCoefficient >= 0, "centringCoefficient must be >= 0", centringCoefficient);
        require(pairMinGap >= 0 && pairMinGap < 1, "pairMinGap must be in [0,1)", pairMinGap);
        require(marginScale >= 0, "marginScale must be >= 0", marginScale);
        require(maxLength == 0 || maxLength >= 2, "maxLength must be 0 (the model's n_positions) or >= 2", maxLength);
        require(scoreBatchSize >= 1, "scoreBatchSize must be >= 1", scoreBatchSize);
    }

    private static void require(boolean ok, String message, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(message + ", got " + value);
        }
    }

    /** The documented defaults. */
    public static RewardTrainerConfig defaults() {
        return new RewardTrainerConfig(RewardObjective.MSE, 2, 16, 1e-4, 0.05, 0.1, AdamW.Settings.defaults(), 1.0,
                50, 5, 0.1, 0.0, 0.1, 0.0, 0, 64, 42);
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The config as a JSON-friendly map with snake_case keys, for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", objective.id());
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("warmup_ratio", warmupRatio);
        m.put("min_lr_ratio", minLrRatio);
        m.put("adam_beta1", optimizer.beta1());
        m.put("adam_beta2", optimizer.beta2());
        m.put("adam_eps", optimizer.eps());
        m.put("weight_decay", optimizer.weightDecay());
        m.put("max_grad_norm", maxGradNorm);
        m.put("eval_every", evalEvery);
        m.put("patience", patience);
        m.put("validation_fraction", validationFraction);
        m.put("centring_coefficient", centringCoefficient);
        m.put("pair_min_gap", pairMinGap);
        m.put("margin_scale", marginScale);
        m.put("max_length", maxLength);
        m.put("score_batch_size", scoreBatchSize);
        m.put("seed", seed);
        return m;
    }

    /** Mutable builder of a {@link RewardTrainerConfig}; each setter documents nothing new, see the record. */
    public static final class Builder {

        private RewardObjective objective;
        private int epochs;
        private int batchSize;
        private double learningRate;
        private double warmupRatio;
        private double minLrRatio;
        private AdamW.Settings optimizer;
        private double maxGradNorm;
        private int evalEvery;
        private int patience;
        private double validationFraction;
        private double centringCoefficient;
        private double pairMinGap;
        private double marginScale;
        private int maxLength;
        private int scoreBatchSize;
        private long seed;

        private Builder(RewardTrainerConfig c) {
            objective = c.objective;
            epochs = c.epochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            warmupRatio = c.warmupRatio;
            minLrRatio = c.minLrRatio;
            optimizer = c.optimizer;
            maxGradNorm = c.maxGradNorm;
            evalEvery = c.evalEvery;
            patience = c.patience;
            validationFraction = c.validationFraction;
            centringCoefficient = c.centringCoefficient;
            pairMinGap = c.pairMinGap;
            marginScale = c.marginScale;
            maxLength = c.maxLength;
            scoreBatchSize = c.scoreBatchSize;
            seed = c.seed;
        }

        /** Sets {@link RewardTrainerConfig#objective()}. */
        public Builder objective(RewardObjective v) {
            objective = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#epochs()}. */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#batchSize()}. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#learningRate()}. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#warmupRatio()}. */
        public Builder warmupRatio(double v) {
            warmupRatio = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#minLrRatio()}. */
        public Builder minLrRatio(double v) {
            minLrRatio = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#optimizer()}. */
        public Builder optimizer(AdamW.Settings v) {
            optimizer = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#maxGradNorm()}. */
        public Builder maxGradNorm(double v) {
            maxGradNorm = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#evalEvery()}. */
        public Builder evalEvery(int v) {
            evalEvery = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#patience()}. */
        public Builder patience(int v) {
            patience = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#validationFraction()}. */
        public Builder validationFraction(double v) {
            validationFraction = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#centringCoefficient()}. */
        public Builder centringCoefficient(double v) {
            centringCoefficient = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#pairMinGap()}. */
        public Builder pairMinGap(double v) {
            pairMinGap = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#marginScale()}. */
        public Builder marginScale(double v) {
            marginScale = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#maxLength()}. */
        public Builder maxLength(int v) {
            maxLength = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#scoreBatchSize()}. */
        public Builder scoreBatchSize(int v) {
            scoreBatchSize = v;
            return this;
        }

        /** Sets {@link RewardTrainerConfig#seed()}. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** The validated config. */
        public RewardTrainerConfig build() {
            return new RewardTrainerConfig(objective, epochs, batchSize, learningRate, warmupRatio, minLrRatio,
                    optimizer, maxGradNorm, evalEvery, patience, validationFraction, centringCoefficient, pairMinGap,
                    marginScale, maxLength, scoreBatchSize, seed);
        }
    }
}
