package dev.rlaif.examples.pipeline;

import dev.rlaif.core.CodeMetric;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.metrics.BleuMetric;
import dev.rlaif.metrics.CodeBleuMetric;
import dev.rlaif.metrics.RougeLMetric;
import dev.rlaif.metrics.gorilla.AstAccuracyMetric;
import dev.rlaif.sandbox.ExecutabilityMetric;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every metric of the report, on one model's held-out answers. The text metrics (CodeBLEU, BLEU,
 * ROUGE-L) compare the answer's {@code api_call} with the reference call, with the code-aware
 * tokenizer: that field exists in the short and the full answer form alike.
 */
final class Evaluation {

    /** Bumped when the metric set or a metric's definition changes, so old eval stages rerun. */
    static final String VERSION = "2";

    private final AstAccuracyMetric ast;
    private final ExecutabilityMetric exec;
    private final CodeBleuMetric codeBleu = new CodeBleuMetric();
    private final BleuMetric bleu = new BleuMetric();
    private final RougeLMetric rouge = new RougeLMetric();

    Evaluation(GorillaData data) {
        this.ast = AstAccuracyMetric.of(h -> data.apiDatabase(h).records());
        this.exec = ExecutabilityMetric.shared();
    }

    Map<String, Double> score(List<Task> tasks, List<String> completions) {
        Map<String, Double> m = new LinkedHashMap<>();
        List<MetricResult> perPair = new java.util.ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            perPair.add(ast.score(tasks.get(i), completions.get(i)));
        }
        MetricResult a = CodeMetric.mean(ast.name(), perPair);
        m.put("ast_accuracy", a.components().getOrDefault("correct", 0.0));
        m.put("hallucination", a.components().getOrDefault("hallucination", 0.0));
        m.put("wrong", a.components().getOrDefault("wrong", 0.0));
        m.put("strict_accuracy", a.components().getOrDefault("strict", 0.0));
        m.put("ast_accuracy_domain_macro", domainMacro(tasks, perPair));
        m.put("distinct_calls", distinctCalls(completions));
        m.put("executability", exec.corpus(tasks, completions).score());
        MetricResult cb = codeBleu.corpus(tasks, completions);
        m.put("codebleu", cb.score());
        for (String part : List.of("ngram", "weighted_ngram", "syntax", "dataflow")) {
            m.put("codebleu_" + part, cb.components().getOrDefault(part, 0.0));
        }
        m.put("bleu", bleu.corpus(tasks, completions).score());
        m.put("rouge_l", rouge.corpus(tasks, completions).score());
        return m;
    }

    /**
     * Gorilla AST accuracy averaged over the reference domains, each domain weighing the same. The
     * plain accuracy is dominated by the largest domain (158 of TorchHub's 186 eval tasks are
     * Classification, so answering one classification model for everything scores 85 %); this
     * figure exposes a policy that collapses onto the majority domain.
     */
    static double domainMacro(List<Task> tasks, List<MetricResult> astPerPair) {
        Map<String, double[]> byDomain = new TreeMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            double[] acc = byDomain.computeIfAbsent(tasks.get(i).domain(), k -> new double[2]);
            acc[0] += astPerPair.get(i).score();
            acc[1]++;
        }
        return byDomain.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElse(0);
    }

    /**
     * The number of distinct {@code api_call} lines among the answers, over the number of answers:
     * near 0 when the policy answers every task with the same call (mode collapse).
     */
    static double distinctCalls(List<String> completions) {
        Set<String> calls = new HashSet<>();
        for (String c : completions) {
            calls.add(GorillaAnswer.parse(c).apiCall().strip());
        }
        return completions.isEmpty() ? 0 : (double) calls.size() / completions.size();
    }
}
