package dev.rlaif.core;

import java.util.Map;

/** Receives progress of a training run, one call per optimisation step. */
@FunctionalInterface
public interface TrainingListener {

    /**
     * Called after each step.
     *
     * @param step 1-based step just finished
     * @param totalSteps planned number of steps
     * @param stats the step's statistics under stable names (TRL's, for RL trainers)
     */
    void onStep(int step, int totalSteps, Map<String, Double> stats);

    /** A listener that ignores everything. */
    static TrainingListener none() {
        return (s, t, m) -> { };
    }
}
