package dev.rlaif.examples.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** Writes {@code results.json}, {@code report.md} and the PNG plots of an experiment. */
final class Report {

    /** Models in table order, with display names. */
    static final Map<String, String> MODELS = orderedMap(
            "sft", "SFT policy (start of RL)",
            "rlaif", "RLAIF policy",
            "sft_large", "Larger SFT-only baseline",
            "constant", "Constant answer (most common training call)");

    /** Headline metrics in table order, with column titles. */
    static final Map<String, String> METRICS = orderedMap(
            "ast_accuracy", "AST acc.",
            "hallucination", "Halluc.",
            "wrong", "Wrong",
            "strict_accuracy", "Strict API acc.",
            "executability", "Exec. rate",
            "codebleu", "CodeBLEU",
            "rouge_l", "ROUGE-L F1",
            "bleu", "BLEU-4");

    /** Diagnostics that expose mode collapse, reported beside the headline metrics. */
    static final Map<String, String> DIAGNOSTICS = orderedMap(
            "ast_accuracy_domain_macro", "AST acc., mean over domains",
            "distinct_calls", "Distinct calls / answers");

    static final Map<String, String> CODEBLEU_PARTS = orderedMap(
            "codebleu_ngram", "n-gram",
            "codebleu_weighted_ngram", "weighted n-gram",
            "codebleu_syntax", "syntax",
            "codebleu_dataflow", "dataflow");

    private Report() {
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Mean and sample standard deviation of one metric of one model over the seeds. */
    static double[] meanStd(List<SeedRun> runs, String model, String metric) {
        DescriptiveStatistics s = new DescriptiveStatistics();
        for (SeedRun r : runs) {
            Map<String, Double> m = r.metrics().get(model);
            if (m != null && m.get(metric) != null) {
                s.addValue(m.get(metric));
            }
        }
        double std = s.getN() > 1 ? s.getStandardDeviation() : 0.0;
        return new double[] {s.getN() == 0 ? Double.NaN : s.getMean(), std, s.getN()};
    }

    static String pct(double[] ms) {
        if (Double.isNaN(ms[0])) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * ms[0], 100 * ms[1]);
    }

    /** Writes every report file into {@code dir}. */
    static void write(Path dir, ObjectNode config, ObjectNode provenance, List<SeedRun> runs, String hardware)
            throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("config", config);
        root.set("provenance", provenance);
        root.set("seeds", Json.MAPPER.valueToTree(runs));
        ObjectNode summary = root.putObject("summary");
        for (String model : MODELS.keySet()) {
            ObjectNode m = summary.putObject(model);
            List<String> keys = new ArrayList<>(METRICS.keySet());
            keys.addAll(CODEBLEU_PARTS.keySet());
            keys.addAll(DIAGNOSTICS.keySet());
            for (String metric : keys) {
                double[] ms = meanStd(runs, model, metric);
                ObjectNode v = m.putObject(metric);
                v.put("mean", ms[0]);
                v.put("std", ms[1]);
                v.put("n", (int) ms[2]);
            }
        }
        Files.writeString(dir.resolve("results.json"), root.toPrettyString());
        plots(dir, runs);
        Files.writeString(dir.resolve("report.md"), markdown(config, runs, hardware));
    }

    private static void plots(Path dir, List<SeedRun> runs) throws IOException {
        Map<String, List<Map<String, Double>>> curves = new LinkedHashMap<>();
        for (SeedRun r : runs) {
            curves.put("seed " + r.seed(), r.rlHistory());
        }
        Charts.lines(dir.resolve("rl_reward.png"), "Reward-model score per RL step", "objective/scores", curves);
        Charts.lines(dir.resolve("rl_kl.png"), "KL to the SFT policy per RL step", "objective/kl", curves);
        Charts.lines(dir.resolve("rl_entropy.png"), "Policy entropy per RL step", "objective/entropy", curves);
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (String metric : List.of("ast_accuracy", "strict_accuracy", "executability", "codebleu", "rouge_l")) {
            Map<String, Double> byModel = new LinkedHashMap<>();
            for (Map.Entry<String, String> m : MODELS.entrySet()) {
                byModel.put(m.getValue(), 100 * meanStd(runs, m.getKey(), metric)[0]);
            }
            bars.put(METRICS.get(metric), byModel);
        }
        Charts.bars(dir.resolve("metrics.png"), "Held-out metrics (mean over seeds)", bars);
    }

    static String markdown(ObjectNode config, List<SeedRun> runs, String hardware) {
        StringBuilder md = new StringBuilder();
        md.append("# rlaif4j experiment report\n\n");
        md.append("Preset `").append(config.path("preset").asText()).append("`, hub `")
                .append(config.path("hub").asText()).append("`, ").append(runs.size())
                .append(" seed(s). ").append(hardware).append("\n\n");
        md.append("## Results on held-out tasks (greedy decoding; mean ± std over seeds, in %)\n\n");
        md.append(table(runs, METRICS));
        md.append("\n### CodeBLEU components\n\n");
        md.append(table(runs, CODEBLEU_PARTS));
        md.append("\n### Collapse diagnostics\n\n");
        md.append(table(runs, DIAGNOSTICS));
        md.append("\nThe constant row answers every task with the most common call of the training answers; it is "
                + "the bar a policy that forgets the instruction would reach. Plain AST accuracy is dominated by the "
                + "largest domain; the domain mean weighs every domain the same, and the distinct-call ratio falls "
                + "towards 0 when a policy gives one answer to everything.\n");
        md.append("\nParameters: ");
        if (!runs.isEmpty()) {
            List<String> ps = new ArrayList<>();
            runs.get(0).parameters().forEach((k, v) -> ps.add(MODELS.getOrDefault(k, k) + " " + String.format(Locale.ROOT, "%,d", v)));
            md.append(String.join(", ", ps));
        }
        md.append(".\n\n");
        md.append("## Reward model agreement with the judge (held-out tasks)\n\n| seed | Spearman | Pearson | pairwise acc. |\n|---|---|---|---|\n");
        for (SeedRun r : runs) {
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.1f %% |%n", r.seed(),
                    r.rewardEval().getOrDefault("spearman", Double.NaN),
                    r.rewardEval().getOrDefault("pearson", Double.NaN),
                    100 * r.rewardEval().getOrDefault("pairwise_accuracy", Double.NaN)));
        }
        md.append("\n## RL curves\n\n![reward](rl_reward.png)\n\n![kl](rl_kl.png)\n\n![entropy](rl_entropy.png)\n\n");
        md.append("![metrics](metrics.png)\n\n");
        md.append("## Wall time per stage (s)\n\n| seed | ").append(String.join(" | ",
                runs.isEmpty() ? List.of() : runs.get(0).stageSeconds().keySet())).append(" |\n|---|");
        if (!runs.isEmpty()) {
            md.append("---|".repeat(runs.get(0).stageSeconds().size()));
        }
        md.append('\n');
        for (SeedRun r : runs) {
            md.append("| ").append(r.seed());
            r.stageSeconds().values().forEach(v -> md.append(String.format(Locale.ROOT, " | %.1f", v)));
            md.append(" |\n");
        }
        md.append("\n## What the metrics mean\n\n");
        md.append("- **AST acc.** Gorilla's AST sub-tree match: the answer's API call is parsed and matched against the API database; "
                + "it is correct when the first matching entry has the task's domain. **Halluc.**: no database entry matches "
                + "(an API that does not exist). **Wrong**: a real API, but from another domain.\n");
        md.append("- **Strict API acc.** Correct only when the matched database entry is the reference API itself.\n");
        md.append("- **Exec. rate** Share of answers whose code runs in the sandbox against the offline API environment "
                + "(a hallucinated model id or repo fails the way the real library would).\n");
        md.append("- **CodeBLEU** Mean of BLEU-4, keyword-weighted unigram match, syntax sub-tree match and data-flow match against "
                + "the reference answer's code (whitespace tokens).\n");
        md.append("- **ROUGE-L F1** Longest-common-subsequence F1 over tokens (rouge-score's default tokenizer). **BLEU-4** "
                + "Corpus BLEU-4 against the reference.\n");
        return md.toString();
    }

    private static String table(List<SeedRun> runs, Map<String, String> metrics) {
        StringBuilder t = new StringBuilder("| model | ").append(String.join(" | ", metrics.values())).append(" |\n|---|");
        t.append("---|".repeat(metrics.size())).append('\n');
        for (Map.Entry<String, String> m : MODELS.entrySet()) {
            t.append("| ").append(m.getValue());
            for (String metric : metrics.keySet()) {
                t.append(" | ").append(pct(meanStd(runs, m.getKey(), metric)));
            }
            t.append(" |\n");
        }
        return t.toString();
    }
}
