package dev.rlaif.core;

import java.util.List;

/**
 * A scalar reward for a completion of a task. Higher is better. Implementations may be learned
 * models, judges called directly, or compositions of both.
 */
public interface RewardModel extends AutoCloseable {

    /** The reward of one completion. */
    double score(Task task, String completion);

    /**
     * Rewards of a batch; {@code tasks.get(i)} goes with {@code completions.get(i)}. Learned models
     * override this to score in batches without gradients.
     */
    default double[] scoreAll(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        double[] out = new double[tasks.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = score(tasks.get(i), completions.get(i));
        }
        return out;
    }

    /** Releases native resources. The default does nothing. */
    @Override
    default void close() {
    }
}
