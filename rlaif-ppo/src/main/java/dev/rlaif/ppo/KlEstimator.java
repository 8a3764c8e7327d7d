package dev.rlaif.ppo;

import ai.djl.ndarray.NDArray;

/**
 * Per-token estimators of {@code KL(π ‖ π_ref)} from one sampled token, in John Schulman's naming
 * ("Approximating KL Divergence", 2020). With {@code r = π_ref(x)/π(x)} for a token {@code x ~ π}:
 *
 * <ul>
 *   <li>{@link #K1}: {@code −log r}. Unbiased, high variance, can be negative on a single token.
 *   <li>{@link #K3}: {@code (r − 1) − log r}. Unbiased and never negative, with lower variance; the
 *       estimator GRPO puts in its loss.
 *   <li>{@link #ABS}: {@code |log r|}. Biased (an upper bound in expectation), never negative; it
 *       penalises drifting towards and away from the reference alike.
 * </ul>
 *
 * <p>All three are exactly zero when the policy equals the reference, so a run starts with no KL
 * penalty.
 */
public enum KlEstimator {
    /** {@code log π − log π_ref}: TRL's default ({@code kl_estimator="k1"}). */
    K1,
    /** {@code exp(log π_ref − log π) − 1 − (log π_ref − log π)}: TRL's {@code "k3"}. */
    K3,
    /** {@code |log π − log π_ref|}: the absolute log-ratio. */
    ABS;

    /** The estimate for one token from its log-probability under the policy and the reference. */
    public double estimate(double logp, double refLogp) {
        double logr = refLogp - logp;
        return switch (this) {
            case K1 -> -logr;
            case K3 -> Math.expm1(logr) - logr;
            case ABS -> Math.abs(logr);
        };
    }

    /**
     * The same estimate element-wise on arrays of equal shape, keeping autograd history through
     * {@code logp} (GRPO differentiates its KL term).
     */
    NDArray estimate(NDArray logp, NDArray refLogp) {
        NDArray logr = refLogp.sub(logp);
        return switch (this) {
            case K1 -> logr.neg();
            case K3 -> logr.exp().sub(1f).sub(logr);
            case ABS -> logr.abs();
        };
    }
}
