package dev.rlaif.ppo;

/**
 * Advantage arithmetic on the host over ragged batches: row {@code i} holds one value per token of
 * completion {@code i}, with no padding, so no mask can be got wrong.
 */
final class Advantages {

    /** Added to the variance before whitening, as TRL does, so a constant batch stays finite. */
    static final double WHITEN_EPS = 1e-8;

    private Advantages() {
    }

    /**
     * Generalised advantage estimation (Schulman et al. 2016) over one completion, treating its last
     * token as terminal (the value after it is 0): {@code δ_t = r_t + γ·V_{t+1} − V_t},
     * {@code A_t = δ_t + γλ·A_{t+1}}.
     *
     * @param rewards per-token rewards
     * @param values the critic's value of the state before each token
     * @return the advantage of each token
     */
    static double[] gae(double[] rewards, double[] values, double gamma, double lambda) {
        if (rewards.length != values.length) {
            throw new IllegalArgumentException("rewards and values differ in length: "
                    + rewards.length + " vs " + values.length);
        }
        double[] adv = new double[rewards.length];
        double next = 0;
        double running = 0;
        for (int t = rewards.length - 1; t >= 0; t--) {
            double delta = rewards[t] + gamma * next - values[t];
            running = delta + gamma * lambda * running;
            adv[t] = running;
            next = values[t];
        }
        return adv;
    }

    /**
     * Whitens every value of a ragged batch in place: subtracts the mean and divides by the
     * standard deviation (Bessel-corrected, as TRL's {@code masked_whiten}) over all tokens together.
     *
     * @param shiftMean whether the result keeps mean 0; when false the mean is added back, which only
     *     rescales (TRL whitens rewards this way, so their sign is kept)
     */
    static void whiten(double[][] rows, boolean shiftMean) {
        long n = 0;
        double sum = 0;
        for (double[] r : rows) {
            for (double v : r) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        double mean = sum / n;
        double sq = 0;
        for (double[] r : rows) {
            for (double v : r) {
                sq += (v - mean) * (v - mean);
            }
        }
        double var = n > 1 ? sq / (n - 1) : 0;
        double scale = 1 / Math.sqrt(var + WHITEN_EPS);
        for (double[] r : rows) {
            for (int t = 0; t < r.length; t++) {
                r[t] = (r[t] - mean) * scale + (shiftMean ? 0 : mean);
            }
        }
    }

    /**
     * GRPO's group-normalised advantages: each reward minus its group's mean, divided by the group's
     * standard deviation plus {@code eps} when {@code scale} is set (Dr. GRPO drops the division,
     * which otherwise up-weights groups that barely differ). Groups are consecutive runs of
     * {@code groupSize} rewards.
     */
    static double[] groupNormalised(double[] rewards, int groupSize, boolean scale, double eps) {
        checkGroups(rewards, groupSize);
        double[] out = new double[rewards.length];
        for (int g = 0; g < rewards.length; g += groupSize) {
            double mean = 0;
            for (int i = g; i < g + groupSize; i++) {
                mean += rewards[i];
            }
            mean /= groupSize;
            double sq = 0;
            for (int i = g; i < g + groupSize; i++) {
                sq += (rewards[i] - mean) * (rewards[i] - mean);
            }
            // torch.std's default is unbiased; TRL's GRPO uses it.
            double std = groupSize > 1 ? Math.sqrt(sq / (groupSize - 1)) : 0;
            for (int i = g; i < g + groupSize; i++) {
                out[i] = scale ? (rewards[i] - mean) / (std + eps) : rewards[i] - mean;
            }
        }
        return out;
    }

    /**
     * RLOO's advantages (Ahmadian et al. 2024): each reward minus the mean of the other
     * {@code groupSize − 1} rewards of its group, an unbiased baseline that needs no critic.
     */
    static double[] leaveOneOut(double[] rewards, int groupSize) {
        checkGroups(rewards, groupSize);
        if (groupSize < 2) {
            throw new IllegalArgumentException("leave-one-out needs groups of >= 2, got " + groupSize);
        }
        double[] out = new double[rewards.length];
        for (int g = 0; g < rewards.length; g += groupSize) {
            double sum = 0;
            for (int i = g; i < g + groupSize; i++) {
                sum += rewards[i];
            }
            for (int i = g; i < g + groupSize; i++) {
                out[i] = rewards[i] - (sum - rewards[i]) / (groupSize - 1);
            }
        }
        return out;
    }

    private static void checkGroups(double[] rewards, int groupSize) {
        if (groupSize < 1 || rewards.length % groupSize != 0) {
            throw new IllegalArgumentException(rewards.length + " rewards do not split into groups of " + groupSize);
        }
    }
}
