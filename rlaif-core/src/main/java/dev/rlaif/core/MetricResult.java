package dev.rlaif.core;

import java.util.Map;
import java.util.Objects;

/**
 * The score of one metric on one completion, or on a corpus.
 *
 * @param metric the metric's {@link CodeMetric#name()}
 * @param score the headline score, in [0,1]
 * @param components named sub-scores (e.g. CodeBLEU's {@code ngram}, {@code syntax}) or counts
 * @param detail a short human-readable verdict (e.g. {@code hallucination}, {@code api_error}), or ""
 */
public record MetricResult(String metric, double score, Map<String, Double> components, String detail) {

    /** Validates and copies. */
    public MetricResult {
        Objects.requireNonNull(metric, "metric");
        components = components == null ? Map.of() : Map.copyOf(components);
        detail = detail == null ? "" : detail;
    }

    /** A result with no components. */
    public static MetricResult of(String metric, double score, String detail) {
        return new MetricResult(metric, score, Map.of(), detail);
    }
}
