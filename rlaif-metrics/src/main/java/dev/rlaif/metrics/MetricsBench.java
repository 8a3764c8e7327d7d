package dev.rlaif.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.Json;
import dev.rlaif.metrics.codebleu.CodeBleu;
import dev.rlaif.metrics.gorilla.GorillaAstEvaluator;
import dev.rlaif.metrics.gorilla.GorillaReport;
import dev.rlaif.metrics.gorilla.GorillaResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics figures of {@code rlaif bench}: seconds to score Gorilla's 904-response HuggingFace
 * file (candidate parsing included, database parsed once beforehand, as in a hot loop) and
 * CodeBLEU pairs per second on answer code from the same file. Both run on one thread after a
 * warm-up; wall and CPU time are reported, since CPU time is what holds on a shared machine.
 */
public final class MetricsBench {

    private static final String RESPONSES = "responses/response_huggingface_Gorilla_FT_0_shot.jsonl";

    private MetricsBench() {
    }

    /**
     * The measured figures.
     *
     * @param gorillaResponses responses scored per run
     * @param gorillaSeconds best wall time of one scoring run, in seconds
     * @param gorillaCpuSeconds thread CPU time of that run, in seconds
     * @param codebleuPairs pairs scored per run
     * @param codebleuPairsPerSecond pairs per wall second, best run
     * @param codebleuPairsPerCpuSecond pairs per CPU second, same run
     */
    public record Figures(int gorillaResponses, double gorillaSeconds, double gorillaCpuSeconds, int codebleuPairs,
            double codebleuPairsPerSecond, double codebleuPairsPerCpuSecond) {

        /** The figures as a JSON object with snake_case keys. */
        public ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("gorilla_ast_responses", gorillaResponses);
            o.put("gorilla_ast_seconds", gorillaSeconds);
            o.put("gorilla_ast_cpu_seconds", gorillaCpuSeconds);
            o.put("codebleu_pairs", codebleuPairs);
            o.put("codebleu_pairs_per_second", codebleuPairsPerSecond);
            o.put("codebleu_pairs_per_cpu_second", codebleuPairsPerCpuSecond);
            return o;
        }
    }

    /** Measures with {@code runs} timed runs after one warm-up run (at least 1). */
    public static Figures measure(int runs) {
        GorillaData data = GorillaData.bundled();
        List<ApiDoc> database = data.apiDatabase(Hub.HUGGINGFACE).records();
        List<Task> tasks = data.evalTasks(Hub.HUGGINGFACE);
        List<ApiDoc> evalApiData = tasks.stream().map(Task::api).toList();
        String resource = GorillaData.RESOURCE_ROOT + RESPONSES;
        ClassLoader loader = MetricsBench.class.getClassLoader();
        List<GorillaResponse> responses = GorillaResponse.read(resource, () -> loader.getResourceAsStream(resource));
        GorillaAstEvaluator evaluator = GorillaAstEvaluator.of(Hub.HUGGINGFACE, database);

        List<String> refs = new ArrayList<>();
        List<String> preds = new ArrayList<>();
        for (GorillaResponse r : responses) {
            String code = GorillaAnswer.parse(r.text() == null ? "" : r.text()).code().replace("\\n", "\n");
            String ref = tasks.get(r.questionId() - 1).reference().code();
            if (!code.isEmpty() && !ref.isEmpty()) {
                refs.add(ref);
                preds.add(code);
            }
        }
        CodeBleu codeBleu = new CodeBleu();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double bestGorilla = Double.MAX_VALUE;
        double gorillaCpu = 0;
        double bestBleu = Double.MAX_VALUE;
        double bleuCpu = 0;
        for (int run = 0; run <= Math.max(1, runs); run++) {
            long w0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            GorillaReport report = evaluator.evaluate(responses, evalApiData);
            double wall = (System.nanoTime() - w0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            if (report.n() != responses.size()) {
                throw new IllegalStateException("scored " + report.n() + " of " + responses.size());
            }
            long w1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < refs.size(); i++) {
                codeBleu.score(refs.get(i), preds.get(i));
            }
            double bleuWall = (System.nanoTime() - w1) / 1e9;
            double bleuCpuRun = (mx.getCurrentThreadCpuTime() - c1) / 1e9;
            if (run > 0 && wall < bestGorilla) {
                bestGorilla = wall;
                gorillaCpu = cpu;
            }
            if (run > 0 && bleuWall < bestBleu) {
                bestBleu = bleuWall;
                bleuCpu = bleuCpuRun;
            }
        }
        return new Figures(responses.size(), bestGorilla, gorillaCpu, refs.size(), refs.size() / bestBleu,
                refs.size() / Math.max(1e-9, bleuCpu));
    }

    /** Prints the figures of three timed runs as one JSON object. */
    public static void main(String[] args) {
        System.out.println(measure(3).toJson().toPrettyString());
    }
}
