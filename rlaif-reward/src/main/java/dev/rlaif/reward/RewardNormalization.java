package dev.rlaif.reward;

/**
 * The mean and standard deviation of a reward model's raw scores over its training set, stored with
 * the model so that every consumer (PPO, reports, a reloaded checkpoint) whitens rewards the same
 * way instead of re-estimating them from whatever batch it happens to see.
 *
 * @param mean mean raw score over the training samples
 * @param std standard deviation of the raw scores (population), > 0
 */
public record RewardNormalization(double mean, double std) {

    /** The identity normalisation (mean 0, std 1), for models whose scores need no whitening. */
    public static final RewardNormalization IDENTITY = new RewardNormalization(0, 1);

    /** Below this a standard deviation is treated as zero and replaced by 1, to avoid dividing by noise. */
    static final double MIN_STD = 1e-8;

    /** Validates. */
    public RewardNormalization {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("need a finite mean and a finite std > 0, got " + mean + ", " + std);
        }
    }

    /** Statistics of some raw scores; a constant set gets std 1 so whitening only centres it. */
    public static RewardNormalization of(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no scores to normalise");
        }
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= scores.length;
        double var = 0;
        for (double s : scores) {
            var += (s - mean) * (s - mean);
        }
        double std = Math.sqrt(var / scores.length);
        return new RewardNormalization(mean, std < MIN_STD ? 1 : std);
    }

    /** {@code (raw - mean) / std}. */
    public double whiten(double raw) {
        return (raw - mean) / std;
    }
}
