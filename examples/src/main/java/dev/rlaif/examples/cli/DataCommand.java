package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.ApiDatabase;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rlaif data ...}: facts about the Gorilla data. */
@Command(name = "data", description = "Inspect the Gorilla APIBench data.",
        mixinStandardHelpOptions = true, subcommands = {DataCommand.Stats.class})
final class DataCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** {@code rlaif data stats [--data DIR] [--json]}. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Per hub: API records, eval and train records, distinct APIs and domains.")
    static final class Stats implements Callable<Integer> {

        @Option(names = "--data", paramLabel = "DIR",
                description = "Folder laid out like data/gorilla/ (default: the data shipped in the jar).")
        Path dataDir;

        @Option(names = "--json", description = "Print JSON to stdout.")
        boolean json;

        @Override
        public Integer call() {
            GorillaData data = dataDir == null ? GorillaData.bundled() : GorillaData.fromDirectory(dataDir);
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode hubs = root.putArray("hubs");
            for (Hub hub : Hub.values()) {
                ApiDatabase db = data.apiDatabase(hub);
                List<Task> eval = data.evalTasks(hub);
                ObjectNode h = hubs.addObject();
                h.put("hub", hub.id());
                h.put("api_records", db.size());
                h.put("distinct_api_calls", db.distinctApiCalls());
                h.put("domains", db.domains().size());
                h.put("eval_records", eval.size());
                h.put("eval_distinct_apis", distinctCalls(eval));
                if (data.hasTrainFile(hub)) {
                    List<Task> train = data.trainTasks(hub);
                    h.put("train_records", train.size());
                    h.put("train_distinct_apis", distinctCalls(train));
                } else {
                    h.putNull("train_records");
                }
                h.put("questions", data.questions(hub).size());
            }
            if (json) {
                System.out.println(root.toPrettyString());
            } else {
                System.out.printf("%-14s %8s %8s %8s %8s %8s%n", "hub", "api", "calls", "domains", "eval", "train");
                for (var h : hubs) {
                    System.out.printf("%-14s %8d %8d %8d %8d %8s%n", h.get("hub").asText(),
                            h.get("api_records").asInt(), h.get("distinct_api_calls").asInt(),
                            h.get("domains").asInt(), h.get("eval_records").asInt(),
                            h.get("train_records").isNull() ? "-" : h.get("train_records").asText());
                }
            }
            return 0;
        }

        private static int distinctCalls(List<Task> tasks) {
            Set<String> s = new HashSet<>();
            tasks.forEach(t -> s.add(t.referenceApiCall()));
            return s.size();
        }
    }
}
