package dev.rlaif.lm;

/**
 * Linear warm-up then cosine decay, the schedule of GPT-2-style training: the warm-up keeps Adam's
 * first, poorly estimated second moments from taking large steps; the cosine tail anneals to a floor
 * instead of zero so late steps still learn.
 *
 * @param peak the learning rate at the end of the warm-up
 * @param warmupSteps steps of linear warm-up (step {@code s < warmupSteps} gets
 *     {@code peak·(s+1)/warmupSteps})
 * @param totalSteps the step at which the decay reaches the floor
 * @param minRatio the floor as a fraction of {@code peak}
 */
public record LrSchedule(double peak, int warmupSteps, int totalSteps, double minRatio) {

    /** Validates. */
    public LrSchedule {
        if (!(peak >= 0) || warmupSteps < 0 || totalSteps < 1 || !(minRatio >= 0 && minRatio <= 1)) {
            throw new IllegalArgumentException("bad schedule: peak=" + peak + " warmup=" + warmupSteps
                    + " total=" + totalSteps + " minRatio=" + minRatio);
        }
    }

    /** The learning rate of 0-based optimiser step {@code step}. */
    public double at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double floor = peak * minRatio;
        if (step >= totalSteps) {
            return floor;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
