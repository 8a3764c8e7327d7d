package dev.rlaif.ppo;

/**
 * The KL coefficient {@code β} of the per-token penalty {@code −β·KL}, fixed or adapted.
 *
 * <p>The adaptive rule is Ziegler et al. 2019 ("Fine-Tuning Language Models from Human
 * Preferences", §2.2), as TRL's legacy {@code AdaptiveKLController} implements it: after a step
 * whose mean sequence KL was {@code kl}, {@code β ← β·(1 + e·n/horizon)} with the proportional
 * error {@code e = clip(kl/target − 1, −0.2, 0.2)} and {@code n} the step's sample count. β grows
 * when the policy drifts beyond the target and shrinks when it stays within it; the clip and the
 * horizon bound the change per step, so one noisy batch cannot swing it.
 *
 * <p>The coefficient is state that a checkpoint must hold: a resumed run continues from the
 * coefficient it had, not from the initial value.
 */
final class KlController {

    /** Largest proportional error the adaptive rule acts on (Ziegler et al.). */
    static final double MAX_ERROR = 0.2;

    private final boolean adaptive;
    private final double target;
    private final double horizon;
    private double value;

    /**
     * @param init the starting coefficient
     * @param adaptive whether to adapt it
     * @param target the mean sequence KL (nats) the adaptive rule steers towards
     * @param horizon samples over which a full proportional error is corrected
     */
    KlController(double init, boolean adaptive, double target, double horizon) {
        if (!(init >= 0)) {
            throw new IllegalArgumentException("KL coefficient must be >= 0, got " + init);
        }
        if (adaptive && !(target > 0 && horizon > 0)) {
            throw new IllegalArgumentException("adaptive KL needs target > 0 and horizon > 0, got "
                    + target + ", " + horizon);
        }
        this.value = init;
        this.adaptive = adaptive;
        this.target = target;
        this.horizon = horizon;
    }

    /** The current coefficient. */
    double value() {
        return value;
    }

    /** Restores a coefficient saved in a checkpoint. */
    void restore(double saved) {
        value = saved;
    }

    /**
     * Updates the coefficient after a step (a no-op when fixed).
     *
     * @param meanKl the step's mean over samples of the summed per-token KL
     * @param samples the number of samples in the step
     */
    void update(double meanKl, int samples) {
        if (!adaptive) {
            return;
        }
        double error = Math.max(-MAX_ERROR, Math.min(MAX_ERROR, meanKl / target - 1));
        value *= 1 + error * samples / horizon;
    }
}
