package dev.rlaif.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A code-quality metric of a completion against a task's reference. Implementations are pure and
 * thread-safe, never throw on any input string, and return scores in [0,1].
 */
public interface CodeMetric {

    /** Stable metric name, used as a key in reports, e.g. {@code ast_accuracy} or {@code codebleu}. */
    String name();

    /** Scores one completion. */
    MetricResult score(Task task, String completion);

    /**
     * Scores a corpus. The default is the mean of the per-completion scores and of each component;
     * metrics defined at corpus level (BLEU, CodeBLEU) override it.
     */
    default MetricResult corpus(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        List<MetricResult> perPair = new java.util.ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            perPair.add(score(tasks.get(i), completions.get(i)));
        }
        return mean(name(), perPair);
    }

    /**
     * The mean of per-completion results, score and each component: the default corpus score, for
     * callers that also need the per-completion results and should not score twice.
     */
    static MetricResult mean(String name, List<MetricResult> perPair) {
        double sum = 0;
        Map<String, Double> comp = new TreeMap<>();
        for (MetricResult r : perPair) {
            sum += r.score();
            r.components().forEach((k, v) -> comp.merge(k, v, Double::sum));
        }
        int n = Math.max(1, perPair.size());
        comp.replaceAll((k, v) -> v / n);
        return new MetricResult(name, perPair.isEmpty() ? 0 : sum / n, comp, "n=" + perPair.size());
    }
}
