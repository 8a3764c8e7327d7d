package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.ApiDatabase;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.Json;
import dev.rlaif.metrics.gorilla.GorillaAstEvaluator;
import dev.rlaif.metrics.gorilla.GorillaReport;
import dev.rlaif.metrics.gorilla.GorillaResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rlaif gorilla-eval}: Gorilla's AST accuracy, hallucination and error rates of a response
 * file, computed as Gorilla's own scripts do, plus the strict exact-API accuracy.
 */
@Command(name = "gorilla-eval", mixinStandardHelpOptions = true,
        description = "Score a Gorilla response file (JSONL: question_id, text) with the AST evaluator.")
final class GorillaEvalCommand implements Callable<Integer> {

    @Option(names = "--hub", required = true, paramLabel = "HUB",
            description = "huggingface, tensorflowhub or torchhub (selects the argument rules and default data).")
    String hub;

    @Option(names = "--responses", required = true, paramLabel = "FILE", description = "Response JSONL file.")
    Path responses;

    @Option(names = "--api-db", paramLabel = "FILE", description = "API database JSONL (default: the shipped one).")
    Path apiDb;

    @Option(names = "--eval", paramLabel = "FILE",
            description = "APIBench eval file whose line q is question_id q (default: the shipped one).")
    Path eval;

    @Option(names = "--json", description = "Print JSON to stdout.")
    boolean json;

    @Override
    public Integer call() {
        Hub h = Hub.parse(hub);
        GorillaData bundled = apiDb == null || eval == null ? GorillaData.bundled() : null;
        List<ApiDoc> database = apiDb != null ? ApiDatabase.read(apiDb).records() : bundled.apiDatabase(h).records();
        List<Task> tasks = eval != null ? GorillaData.readTasks(eval, h, Split.EVAL) : bundled.evalTasks(h);
        List<ApiDoc> evalApiData = tasks.stream().map(Task::api).toList();
        List<GorillaResponse> lines = GorillaResponse.read(responses);
        System.err.printf("gorilla-eval: %d responses, %d API records, %d eval records (%s)%n", lines.size(),
                database.size(), evalApiData.size(), h.id());
        GorillaReport r = GorillaAstEvaluator.of(h, database).evaluate(lines, evalApiData);
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("n", r.n());
            o.put("accuracy", r.accuracy());
            o.put("hallucination", r.hallucinationRate());
            o.put("wrong", r.wrongRate());
            o.put("strict_accuracy", r.strictAccuracy());
            System.out.println(o.toString());
        } else {
            System.out.printf("n=%d accuracy=%.2f%% hallucination=%.2f%% wrong=%.2f%% strict_accuracy=%.2f%%%n", r.n(),
                    100 * r.accuracy(), 100 * r.hallucinationRate(), 100 * r.wrongRate(), 100 * r.strictAccuracy());
        }
        return 0;
    }
}
