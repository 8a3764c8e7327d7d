package dev.rlaif.ppo;

import dev.rlaif.lm.DecoderPolicy;

/** Checks shared by the trainers before a run starts, so a bad setup fails before any work. */
final class Trainers {

    private Trainers() {
    }

    /** Rejects a policy and run that cannot be trained together. */
    static void checkPolicy(DecoderPolicy policy, RunConfig run) {
        if (policy.model().hasValueHead()) {
            throw new IllegalArgumentException("the policy has a value head; pass a plain decoder"
                    + " (the critic is a separate model, see PpoConfig.valueModel)");
        }
        if (!(run.sampling().temperature() > 0)) {
            throw new IllegalArgumentException("RL needs stochastic sampling: temperature must be > 0, got "
                    + run.sampling().temperature());
        }
        int limit = policy.model().config().nPositions();
        if (run.sampling().maxNewTokens() >= limit) {
            throw new IllegalArgumentException("maxNewTokens " + run.sampling().maxNewTokens()
                    + " leaves no room for a prompt in n_positions " + limit);
        }
    }
}
