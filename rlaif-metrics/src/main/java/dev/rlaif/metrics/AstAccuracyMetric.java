package dev.rlaif.metrics.gorilla;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.CodeMetric;
import dev.rlaif.core.Hub;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Gorilla's AST accuracy as a {@link CodeMetric}: 1 when the completion's API call matches a
 * database API of the reference's domain, else 0. The completion is read as Gorilla reads a
 * response, so rlaif's answer format works in its full and its short (domain, api_call,
 * api_provider) form.
 *
 * <p>Components: {@code correct}, {@code hallucination}, {@code wrong} (one of them 1) and
 * {@code strict} (1 when the matched API is the reference API itself). The detail is the verdict,
 * followed by {@code ,strict} when the strict check passes. The {@link #strict} variant scores the
 * strict check instead, which is the sharper reward signal. Thread-safe.
 */
public final class AstAccuracyMetric implements CodeMetric {

    private final Function<Hub, List<ApiDoc>> databases;
    private final boolean strict;
    private final Map<Hub, GorillaAstEvaluator> evaluators = new ConcurrentHashMap<>();

    private AstAccuracyMetric(Function<Hub, List<ApiDoc>> databases, boolean strict) {
        this.databases = Objects.requireNonNull(databases, "databases");
        this.strict = strict;
    }

    /** Domain-level AST accuracy over the given API database of each hub (records in file order). */
    public static AstAccuracyMetric of(Function<Hub, List<ApiDoc>> databases) {
        return new AstAccuracyMetric(databases, false);
    }

    /** The strict variant: 1 only when the matched database API is the reference API itself. */
    public static AstAccuracyMetric strict(Function<Hub, List<ApiDoc>> databases) {
        return new AstAccuracyMetric(databases, true);
    }

    /** Domain-level AST accuracy over the API databases shipped with rlaif-core. */
    public static AstAccuracyMetric bundled() {
        GorillaData data = GorillaData.bundled();
        return of(h -> data.apiDatabase(h).records());
    }

    @Override
    public String name() {
        return strict ? "ast_strict_accuracy" : "ast_accuracy";
    }

    @Override
    public MetricResult score(Task task, String completion) {
        GorillaAstEvaluator evaluator = evaluators.computeIfAbsent(task.hub(),
                h -> GorillaAstEvaluator.of(h, databases.apply(h)));
        GorillaJudgement j = evaluator.judge(completion == null ? "" : completion, task.api());
        double score = strict ? (j.strict() ? 1 : 0) : (j.verdict() == GorillaVerdict.CORRECT ? 1 : 0);
        Map<String, Double> components = Map.of(
                "correct", j.verdict() == GorillaVerdict.CORRECT ? 1.0 : 0.0,
                "hallucination", j.verdict() == GorillaVerdict.HALLUCINATION ? 1.0 : 0.0,
                "wrong", j.verdict() == GorillaVerdict.WRONG ? 1.0 : 0.0,
                "strict", j.strict() ? 1.0 : 0.0);
        return new MetricResult(name(), score, components, j.verdict().id() + (j.strict() ? ",strict" : ""));
    }
}
