package dev.rlaif.sandbox;

import dev.rlaif.core.CodeMetric;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Executability: 1 when the answer's code runs in the sandbox, 0 otherwise; the detail is the
 * {@link Verdict} id, and the corpus components count each verdict's share.
 *
 * <p>The code run is the answer's {@code <<<code>>>} part. An answer without one (a short
 * three-field target) runs its {@code <<<api_call>>>} line instead, preceded by the imports that
 * line needs: {@code import torch}, {@code import tensorflow as tf} and
 * {@code import tensorflow_hub as hub} when their aliases appear, and {@code from M import X} for
 * each {@code X.from_pretrained} or {@code pipeline} call, with {@code M} looked up in the
 * environment's tables. Text with no Gorilla marker at all is taken to be plain code.
 *
 * <p>Thread-safe and cheap to call in a loop: the sandbox and its environment are created once and
 * shared. {@link #corpus} runs the batch in parallel on the sandbox's pool.
 */
public final class ExecutabilityMetric implements CodeMetric {

    /** The metric name used in reports. */
    public static final String NAME = "executability";

    private static final Pattern LOADER_CLASS = Pattern.compile("(?<![\\w.])([A-Z]\\w*)\\s*(?:\\.\\s*\\w+\\s*)?\\(");
    private static Sandbox shared;

    private final Sandbox sandbox;

    /** A metric on the given sandbox; closing the sandbox is the caller's business. */
    public ExecutabilityMetric(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * The metric on a JVM-wide sandbox with {@link SandboxConfig#defaults()} and the bundled
     * offline environment, opened on first use and kept for the JVM's life.
     */
    public static synchronized ExecutabilityMetric shared() {
        if (shared == null) {
            shared = Sandbox.open(SandboxConfig.defaults(), ApiEnvironment.bundled());
        }
        return new ExecutabilityMetric(shared);
    }

    /** The sandbox this metric runs on. */
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Detail (and corpus component) of an answer with no code and no API call: nothing to run, so it
     * scores 0 instead of passing as an empty, trivially runnable program.
     */
    public static final String NO_CODE = "no_code";

    @Override
    public MetricResult score(Task task, String completion) {
        String code = snippet(completion);
        return code.isBlank() ? MetricResult.of(NAME, 0, NO_CODE) : toMetric(sandbox.run(code));
    }

    /** Scores a batch in parallel; the components give the share of each verdict. */
    @Override
    public MetricResult corpus(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        List<String> codes = new ArrayList<>(completions.size());
        int empty = 0;
        for (String c : completions) {
            String code = snippet(c);
            if (code.isBlank()) {
                empty++;
            } else {
                codes.add(code);
            }
        }
        List<ExecResult> results = sandbox.runAll(codes);
        Map<String, Double> shares = new TreeMap<>();
        for (Verdict v : Verdict.values()) {
            shares.put(v.id(), 0.0);
        }
        shares.put(NO_CODE, (double) empty);
        for (ExecResult r : results) {
            shares.merge(r.verdict().id(), 1.0, Double::sum);
        }
        int n = Math.max(1, completions.size());
        shares.replaceAll((k, v) -> v / n);
        return new MetricResult(NAME, completions.isEmpty() ? 0 : shares.get(Verdict.OK.id()), shares,
                "n=" + completions.size() + " isolation=" + sandbox.isolation().id());
    }

    /** The metric result of one run: score 1 for {@code ok}, detail the verdict id. */
    public static MetricResult toMetric(ExecResult r) {
        return MetricResult.of(NAME, r.ok() ? 1 : 0, r.verdict().id());
    }

    /** The code that {@link #score} runs for a completion (see the class comment). */
    public String snippet(String completion) {
        if (completion == null || !GorillaAnswer.hasMarkers(completion)) {
            return completion == null ? "" : completion;
        }
        GorillaAnswer answer = GorillaAnswer.parse(completion);
        if (!answer.code().isBlank()) {
            return answer.code();
        }
        return withImports(answer.apiCall());
    }

    /** Prefixes a bare API call with the imports it needs. */
    String withImports(String call) {
        if (call.isBlank()) {
            return "";
        }
        Set<String> imports = new LinkedHashSet<>();
        if (call.matches("(?s).*(?<![\\w.])torch\\..*")) {
            imports.add("import torch");
        }
        if (call.matches("(?s).*(?<![\\w.])tf\\..*")) {
            imports.add("import tensorflow as tf");
        }
        if (call.matches("(?s).*(?<![\\w.])hub\\..*")) {
            imports.add("import tensorflow_hub as hub");
        }
        if (call.matches("(?s).*(?<![\\w.])pipeline\\s*\\(.*")) {
            imports.add("from transformers import pipeline");
        }
        Matcher m = LOADER_CLASS.matcher(call);
        while (m.find()) {
            String name = m.group(1);
            sandbox.environment().moduleDefining(name).ifPresent(mod -> imports.add("from " + mod + " import " + name));
        }
        StringBuilder sb = new StringBuilder();
        imports.forEach(i -> sb.append(i).append('\n'));
        return sb.append(call).toString();
    }
}
