package dev.rlaif.ppo;

import dev.rlaif.lm.AdamW;
import dev.rlaif.lm.Gpt2Model;
import java.util.Map;

/**
 * What distinguishes PPO, GRPO and RLOO inside the shared {@link RunLoop}: how many answers a task
 * gets, which models and optimisers they train (and checkpoint), and how one step's rollout becomes
 * advantages and updates.
 */
interface Algorithm extends AutoCloseable {

    /** The stage name, for provenance and the progress bar ({@code ppo}, {@code grpo}, {@code rloo}). */
    String name();

    /** The config as a JSON-friendly map. */
    Map<String, Object> config();

    /** Answers sampled per task. */
    int samplesPerTask();

    /** Models beyond the policy and the reference that checkpoints must hold, by directory name. */
    Map<String, Gpt2Model> extraModels();

    /** The optimisers by name, each saved with its moments and step count. */
    Map<String, AdamW> optimizers();

    /** Scalar state (e.g. the KL coefficient) that a checkpoint must hold. */
    Map<String, Double> scalars();

    /** Restores {@link #scalars()} from a checkpoint. */
    void restore(Map<String, Double> scalars);

    /**
     * Computes the step's advantages from its rollout and updates the trained models.
     *
     * @param step the 0-based step
     * @return the step's statistics under TRL's names
     */
    Map<String, Double> update(Rollout rollout, int step);

    /** Frees the algorithm's own models and optimisers (never the caller's policy). */
    @Override
    void close();
}
