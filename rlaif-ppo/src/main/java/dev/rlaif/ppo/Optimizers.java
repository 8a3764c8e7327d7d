package dev.rlaif.ppo;

import dev.rlaif.lm.AdamW;
import dev.rlaif.lm.LrSchedule;

/** The optimiser settings every trainer of this package derives from its {@link RunConfig}. */
final class Optimizers {

    private Optimizers() {
    }

    /**
     * AdamW with PyTorch's default moments (β1 0.9, β2 0.999, ε 1e-8), as TRL's trainers inherit
     * from {@code TrainingArguments}, and the run's weight decay.
     */
    static AdamW.Settings settings(RunConfig run) {
        return new AdamW.Settings(0.9, 0.999, 1e-8, run.weightDecay());
    }

    /**
     * Linear warm-up to the run's learning rate, then constant: RL steps see a moving data
     * distribution, so there is no natural end to anneal towards, and a constant rate keeps the
     * late steps as able to correct as the early ones.
     */
    static LrSchedule schedule(RunConfig run) {
        return new LrSchedule(run.learningRate(), run.warmupSteps(), Math.max(1, run.warmupSteps()), 1.0);
    }
}
