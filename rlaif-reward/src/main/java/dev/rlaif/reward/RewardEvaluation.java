package dev.rlaif.reward;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How well a reward model reproduces the judge on held-out tasks.
 *
 * <p>Correlations say whether the model orders all answers as the judge does; pairwise accuracy
 * says whether it orders the answers <em>of one task</em> as the judge does, which is what a policy
 * gradient actually uses (PPO compares samples of the same prompt through the advantage). The
 * calibration table shows where on its scale the model agrees or not.
 *
 * @param samples number of scored answers
 * @param tasks number of distinct tasks
 * @param pearson Pearson correlation of predicted and judge scores (NaN when either is constant)
 * @param spearman Spearman rank correlation of predicted and judge scores (NaN when either is constant)
 * @param pairwiseAccuracy over every pair of answers to the same task whose judge scores differ, the
 *     share the model orders the same way (a predicted tie counts as half right); NaN without pairs
 * @param pairs number of such pairs
 * @param calibration equal-count bins of the predicted score, in increasing order
 */
public record RewardEvaluation(int samples, int tasks, double pearson, double spearman, double pairwiseAccuracy,
        int pairs, List<CalibrationBin> calibration) {

    /** Number of calibration bins used by {@link #evaluate}: 10, deciles of the predicted score. */
    public static final int DEFAULT_BINS = 10;

    /** Judge scores closer than this are a tie and form no pair. */
    static final double TIE = 1e-9;

    /** Copies the table. */
    public RewardEvaluation {
        calibration = List.copyOf(calibration);
    }

    /**
     * One row of the calibration table.
     *
     * @param count answers in the bin
     * @param minPredicted lowest predicted score in the bin
     * @param maxPredicted highest predicted score in the bin
     * @param meanPredicted mean predicted score
     * @param meanJudge mean judge score of the same answers
     */
    public record CalibrationBin(int count, double minPredicted, double maxPredicted, double meanPredicted,
            double meanJudge) {
    }

    /** Scores every sample with {@code model} (one batched call) and evaluates the result. */
    public static RewardEvaluation evaluate(RewardModel model, RewardDataset data) {
        List<Task> tasks = new ArrayList<>(data.size());
        List<String> completions = new ArrayList<>(data.size());
        for (ScoredSample s : data.samples()) {
            tasks.add(s.task());
            completions.add(s.completion());
        }
        return of(model.scoreAll(tasks, completions), data, DEFAULT_BINS);
    }

    /**
     * Evaluates given predictions.
     *
     * @param predicted the model's score of each sample, in sample order
     * @param bins number of calibration bins (fewer when there are fewer samples)
     */
    public static RewardEvaluation of(double[] predicted, RewardDataset data, int bins) {
        if (predicted.length != data.size()) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + data.size() + " samples");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("nothing to evaluate");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double[] judge = data.scores();
        double pearson = Double.NaN;
        double spearman = Double.NaN;
        if (data.size() >= 2 && !constant(predicted) && !constant(judge)) {
            pearson = new PearsonsCorrelation().correlation(predicted, judge);
            spearman = new SpearmansCorrelation().correlation(predicted, judge);
        }
        double right = 0;
        int pairs = 0;
        for (List<Integer> group : data.indicesByTask().values()) {
            for (int a = 0; a < group.size(); a++) {
                for (int b = a + 1; b < group.size(); b++) {
                    int i = group.get(a);
                    int j = group.get(b);
                    double dj = judge[i] - judge[j];
                    if (Math.abs(dj) <= TIE) {
                        continue;
                    }
                    pairs++;
                    double dp = predicted[i] - predicted[j];
                    right += dp == 0 ? 0.5 : (Math.signum(dp) == Math.signum(dj) ? 1 : 0);
                }
            }
        }
        return new RewardEvaluation(data.size(), data.taskIds().size(), pearson, spearman,
                pairs == 0 ? Double.NaN : right / pairs, pairs, calibration(predicted, judge, bins));
    }

    private static boolean constant(double[] x) {
        return Arrays.stream(x).allMatch(v -> v == x[0]);
    }

    private static List<CalibrationBin> calibration(double[] predicted, double[] judge, int bins) {
        Integer[] order = new Integer[predicted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
        int n = order.length;
        int k = Math.min(bins, n);
        List<CalibrationBin> out = new ArrayList<>(k);
        for (int b = 0; b < k; b++) {
            int from = (int) ((long) b * n / k);
            int to = (int) ((long) (b + 1) * n / k);
            double sp = 0;
            double sj = 0;
            for (int r = from; r < to; r++) {
                sp += predicted[order[r]];
                sj += judge[order[r]];
            }
            int c = to - from;
            out.add(new CalibrationBin(c, predicted[order[from]], predicted[order[to - 1]], sp / c, sj / c));
        }
        return out;
    }

    /**
     * This evaluation as the JSON of {@code evaluation.json}: {@code spearman}, {@code pearson},
     * {@code pairwise_accuracy}, counts, the calibration table and, when given, the provenance of
     * the evaluated checkpoint. NaN is written as {@code null}.
     *
     * @param extra further top-level fields (e.g. the held-out fraction), written after the metrics
     */
    public ObjectNode toJson(Provenance provenance, Map<String, Object> extra) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        putNumber(o, "spearman", spearman);
        putNumber(o, "pearson", pearson);
        putNumber(o, "pairwise_accuracy", pairwiseAccuracy);
        o.put("pairs", pairs);
        o.put("samples", samples);
        o.put("tasks", tasks);
        ArrayNode table = o.putArray("calibration");
        for (CalibrationBin b : calibration) {
            ObjectNode row = table.addObject();
            row.put("count", b.count());
            row.put("min_predicted", b.minPredicted());
            row.put("max_predicted", b.maxPredicted());
            row.put("mean_predicted", b.meanPredicted());
            row.put("mean_judge", b.meanJudge());
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            o.set(e.getKey(), Json.MAPPER.valueToTree(e.getValue()));
        }
        if (provenance != null) {
            o.set("provenance", Json.MAPPER.valueToTree(provenance));
        }
        return o;
    }

    /** Writes {@link #toJson} to a file, pretty-printed. */
    public void write(Path file, Provenance provenance, Map<String, Object> extra) {
        try {
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(toJson(provenance, extra)) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
