package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Progress;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.Jsonl;
import dev.rlaif.sandbox.ApiEnvironment;
import dev.rlaif.sandbox.ExecResult;
import dev.rlaif.sandbox.ExecutabilityMetric;
import dev.rlaif.sandbox.Sandbox;
import dev.rlaif.sandbox.SandboxConfig;
import dev.rlaif.sandbox.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rlaif exec-check --hub HUB --input CODE.jsonl [--json]}: runs each snippet in the sandbox
 * and prints its verdict and the overall executability rate.
 */
@Command(name = "exec-check", mixinStandardHelpOptions = true,
        description = "Run code snippets in the sandbox (offline API environment) and report executability.")
final class ExecCheckCommand implements Callable<Integer> {

    /** The verdicts of one input line. */
    private record Line(long line, JsonNode id, String code) {
    }

    @Option(names = "--hub", required = true, paramLabel = "HUB",
            description = "huggingface, tensorflowhub or torchhub; recorded in the output. The offline "
                    + "environment covers all three hubs' databases, so the verdicts do not depend on it.")
    String hub;

    @Option(names = "--input", required = true, paramLabel = "CODE.jsonl",
            description = "One JSON object per line: {\"code\": \"...\", \"id\": optional}. The code may be "
                    + "plain Python or a Gorilla answer (its <<<code>>> part runs, else its api_call).")
    Path input;

    @Option(names = "--json", description = "Print JSON to stdout.")
    boolean json;

    @Option(names = "--parallelism", paramLabel = "N", description = "Concurrent checks (default: cores).")
    Integer parallelism;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Wall-clock limit per snippet (default: 10).")
    Integer timeoutSeconds;

    @Option(names = "--real", description = "Real mode: no stand-ins, the interpreter's own libraries.")
    boolean real;

    @Option(names = "--require-bubblewrap", description = "Fail instead of running without isolation.")
    boolean requireBubblewrap;

    @Override
    public Integer call() {
        Hub h = Hub.parse(hub);
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file not found: " + input);
        }
        List<Line> lines = Jsonl.read(input, (node, n) -> {
            JsonNode code = node.get("code");
            if (code == null || !code.isTextual()) {
                throw new InvalidInputException(input.toString(), n, "missing string field 'code'");
            }
            return new Line(n, node.get("id"), code.asText());
        }, Jsonl.BadLines.FAIL).values();
        SandboxConfig.Builder cfg = SandboxConfig.builder();
        if (parallelism != null) {
            cfg.parallelism(parallelism);
        }
        if (timeoutSeconds != null) {
            cfg.wallTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        if (requireBubblewrap) {
            cfg.isolation(SandboxConfig.IsolationPolicy.REQUIRE_BUBBLEWRAP);
        }
        try (Sandbox sandbox = Sandbox.open(cfg.build(), real ? ApiEnvironment.real() : ApiEnvironment.bundled())) {
            ExecutabilityMetric metric = new ExecutabilityMetric(sandbox);
            List<ExecResult> results = new ArrayList<>();
            try (Progress p = Progress.start("exec-check", lines.size())) {
                int chunk = Math.max(1, sandbox.config().parallelism() * 4);
                for (int i = 0; i < lines.size(); i += chunk) {
                    List<String> codes = new ArrayList<>();
                    for (Line l : lines.subList(i, Math.min(lines.size(), i + chunk))) {
                        codes.add(metric.snippet(l.code()));
                    }
                    results.addAll(sandbox.runAll(codes));
                    p.set(results.size());
                }
            }
            print(h, sandbox, lines, results);
        }
        return 0;
    }

    private void print(Hub h, Sandbox sandbox, List<Line> lines, List<ExecResult> results) {
        long ok = results.stream().filter(ExecResult::ok).count();
        double rate = results.isEmpty() ? 0 : (double) ok / results.size();
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.verdict().id(), 1, Integer::sum));
        if (!json) {
            for (int i = 0; i < results.size(); i++) {
                System.out.printf("%-8s %s%n", label(lines.get(i)), results.get(i).summary());
            }
            System.out.printf("executability %.4f (%d/%d) isolation=%s%n", rate, ok, results.size(),
                    sandbox.isolation().id());
            return;
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("hub", h.id());
        root.put("n", results.size());
        root.put("ok", ok);
        root.put("rate", rate);
        root.put("isolation", sandbox.isolation().id());
        root.put("environment", sandbox.environment().offline() ? "offline" : "real");
        root.put("tables_sha256", sandbox.environment().tablesSha256());
        ObjectNode v = root.putObject("verdicts");
        for (Verdict verdict : Verdict.values()) {
            v.put(verdict.id(), counts.getOrDefault(verdict.id(), 0));
        }
        ArrayNode arr = root.putArray("results");
        for (int i = 0; i < results.size(); i++) {
            ExecResult r = results.get(i);
            ObjectNode o = arr.addObject();
            o.put("line", lines.get(i).line());
            if (lines.get(i).id() != null) {
                o.set("id", lines.get(i).id());
            }
            o.put("verdict", r.verdict().id());
            o.put("exception_type", r.exceptionType());
            o.put("message", r.message());
            o.put("wall_ms", r.wallMillis());
        }
        System.out.println(root.toPrettyString());
    }

    private static String label(Line l) {
        return l.id() == null ? "line " + l.line() : l.id().asText();
    }
}
