package dev.rlaif.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training run did.
 *
 * @param steps optimisation steps taken in total (including steps done before a resume)
 * @param history per-step statistics, oldest first
 * @param wallSeconds wall time of this invocation
 * @param checkpoint where the final checkpoint was written, or {@code null}
 */
public record TrainingReport(int steps, List<Map<String, Double>> history, double wallSeconds, Path checkpoint) {

    /** Copies the history. */
    public TrainingReport {
        history = List.copyOf(history);
    }

    /** The last step's statistics, or an empty map. */
    public Map<String, Double> last() {
        return history.isEmpty() ? Map.of() : history.get(history.size() - 1);
    }
}
