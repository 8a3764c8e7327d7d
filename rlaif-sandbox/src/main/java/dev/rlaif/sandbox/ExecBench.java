package dev.rlaif.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Progress;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures executability on the bundled Gorilla data and prints JSON: the rate of each hub's
 * reference answers, the rate of the same answers with every model id, repo, model name and hub
 * URL replaced by a plausible one that does not exist (the offline environment must reject them),
 * the rate of Gorilla's published HuggingFace 0-shot responses, and checks per second.
 *
 * <p>Run {@code java -cp ... dev.rlaif.sandbox.ExecBench [LIMIT]}; LIMIT caps the answers per
 * hub (default: all). {@code rlaif bench} calls {@link #run(Sandbox, int)}.
 */
public final class ExecBench {

    private static final Pattern LITERAL = Pattern.compile("(['\"])([^'\"\\\\\\n]{1,300})\\1");
    private static final Pattern LOADER_ARGUMENT = Pattern.compile(
            "(?:model\\s*=\\s*|from_pretrained\\(\\s*|SentenceTransformer\\(\\s*)$");
    private static final Pattern TFHUB_VERSION = Pattern.compile("^(.*?)(/\\d+)?/?$");
    private static final String RESPONSES = GorillaData.RESOURCE_ROOT
            + "responses/response_huggingface_Gorilla_FT_0_shot.jsonl";

    private ExecBench() {
    }

    /**
     * Prints the measurements of {@link #run(int)}. The 30 s wall limit keeps a loaded machine
     * from turning slow interpreter starts into timeouts.
     */
    public static void main(String[] args) throws IOException {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(run(limit)));
    }

    /** {@link #run(Sandbox, int)} on a sandbox of its own: the bundled environment, defaults, 30 s wall limit. */
    public static ObjectNode run(int limit) {
        SandboxConfig config = SandboxConfig.builder().wallTimeout(Duration.ofSeconds(30)).build();
        try (Sandbox sandbox = Sandbox.open(config, ApiEnvironment.bundled())) {
            return run(sandbox, limit);
        }
    }

    /**
     * Runs the three measurements.
     *
     * @param sandbox an open sandbox on an offline environment (the replaced-id rate needs its tables)
     * @param limit answers per hub and responses to check, 0 for all
     * @return {@code {isolation, parallelism, reference: {hub: ...}, replaced: {hub: ...},
     *     responses_hf_0shot: ..., checks_per_second}}; each group has {@code n}, {@code rate},
     *     {@code verdicts} and {@code failures} (reasons with their counts and example lines)
     */
    public static ObjectNode run(Sandbox sandbox, int limit) {
        if (!sandbox.environment().offline()) {
            throw new IllegalArgumentException("ExecBench needs an offline environment, got " + sandbox.environment());
        }
        GorillaData data = GorillaData.bundled();
        ExecutabilityMetric metric = new ExecutabilityMetric(sandbox);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("isolation", sandbox.isolation().id());
        root.put("parallelism", sandbox.config().parallelism());
        root.put("tables_sha256", sandbox.environment().tablesSha256());
        ObjectNode reference = root.putObject("reference");
        ObjectNode replaced = root.putObject("replaced");
        long checks = 0;
        long nanos = 0;
        for (Hub hub : Hub.values()) {
            List<Task> tasks = data.evalTasks(hub);
            if (limit > 0 && tasks.size() > limit) {
                tasks = tasks.subList(0, limit);
            }
            List<String> codes = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            List<String> mutated = new ArrayList<>();
            List<Integer> mutatedLines = new ArrayList<>();
            for (Task t : tasks) {
                String code = referenceCode(metric, t);
                codes.add(code);
                lines.add(t.line());
                String m = replaceIds(code, sandbox.environment().tables());
                if (!m.equals(code)) {
                    mutated.add(m);
                    mutatedLines.add(t.line());
                }
            }
            long start = System.nanoTime();
            List<ExecResult> results = runWithProgress(sandbox, "exec " + hub.id() + " reference", codes);
            nanos += System.nanoTime() - start;
            checks += codes.size();
            reference.set(hub.id(), summarize(results, lines));
            ObjectNode rep = summarize(runWithProgress(sandbox, "exec " + hub.id() + " replaced", mutated), mutatedLines);
            rep.put("unchanged", codes.size() - mutated.size());
            replaced.set(hub.id(), rep);
        }
        List<String> responses = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (JsonNode r : readResponses()) {
            if (limit > 0 && responses.size() >= limit) {
                break;
            }
            responses.add(metric.snippet(unescapeResponse(r.path("text").asText(""))));
            ids.add(r.path("question_id").asInt());
        }
        root.set("responses_hf_0shot", summarize(runWithProgress(sandbox, "exec hf 0-shot responses", responses), ids));
        root.put("checks_per_second", nanos == 0 ? 0 : checks / (nanos / 1e9));
        return root;
    }

    /**
     * The reference answer that the measurements run: the {@code <<<code>>>} part of the record
     * (the 'code' entry of the TorchHub dict form), or where that is empty the API call with the
     * imports it needs.
     */
    static String referenceCode(ExecutabilityMetric metric, Task t) {
        return t.reference().code().isBlank() ? metric.withImports(t.referenceApiCall()) : t.reference().code();
    }

    private static List<ExecResult> runWithProgress(Sandbox sandbox, String label, List<String> codes) {
        try (Progress p = Progress.start(label, codes.size())) {
            List<ExecResult> out = new ArrayList<>();
            int chunk = Math.max(1, sandbox.config().parallelism() * 8);
            for (int i = 0; i < codes.size(); i += chunk) {
                out.addAll(sandbox.runAll(codes.subList(i, Math.min(codes.size(), i + chunk))));
                p.set(out.size());
            }
            return out;
        }
    }

    /**
     * Gorilla's response files store each answer as the body of a Python string literal: newlines
     * are the two characters backslash-n, quotes are backslash-escaped, and a stray closing quote
     * ends the text. Undo that when the text has no real newline.
     */
    static String unescapeResponse(String text) {
        if (text.indexOf('\n') >= 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '\'', '"', '\\' -> sb.append(n);
                    default -> sb.append(c).append(n);
                }
            } else {
                sb.append(c);
            }
        }
        String s = sb.toString().stripTrailing();
        return (s.endsWith("\"") ? s.substring(0, s.length() - 1) : s).stripTrailing();
    }

    /**
     * Replaces every string literal of the code that the tables know as a Hugging Face id (with a
     * slash, or passed as {@code model=} or to a loader), a TorchHub repo or model, or a TensorFlow
     * Hub handle by a plausible unknown one:
     * {@code org/name} becomes {@code org/name-v7}, a model {@code resnet18} becomes
     * {@code resnet18_v7}, a handle {@code .../feature_vector/4} becomes {@code .../feature_vector-v7/4}.
     */
    static String replaceIds(String code, ApiTables tables) {
        Map<String, Boolean> torchModels = new TreeMap<>();
        tables.torchHub().values().forEach(ms -> ms.forEach(m -> torchModels.put(m, true)));
        Map<String, Boolean> handles = new TreeMap<>();
        tables.tfHubHandles().forEach(h -> handles.put(h.toLowerCase(Locale.ROOT), true));
        Matcher m = LITERAL.matcher(code);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String s = m.group(2);
            String r = s;
            if (handles.containsKey(s.toLowerCase(Locale.ROOT))) {
                Matcher v = TFHUB_VERSION.matcher(s);
                r = v.matches() ? v.group(1) + "-v7" + (v.group(2) == null ? "" : v.group(2)) : s + "-v7";
            } else if (tables.torchHub().containsKey(s.split(":")[0])) {
                r = s.split(":")[0] + "-v7";
            } else if (torchModels.containsKey(s)) {
                r = s + "_v7";
            } else if (tables.hfIds().contains(s) && (s.contains("/") || LOADER_ARGUMENT.matcher(
                    code.substring(Math.max(0, m.start() - 40), m.start())).find())) {
                r = s + "-v7";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + r + m.group(1)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static ObjectNode summarize(List<ExecResult> results, List<Integer> lines) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        long ok = results.stream().filter(ExecResult::ok).count();
        o.put("n", results.size());
        o.put("ok", ok);
        o.put("rate", results.isEmpty() ? 0 : (double) ok / results.size());
        Map<String, Integer> verdicts = new TreeMap<>();
        Map<String, List<Integer>> reasons = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            ExecResult r = results.get(i);
            verdicts.merge(r.verdict().id(), 1, Integer::sum);
            if (!r.ok()) {
                reasons.computeIfAbsent(reason(r), k -> new ArrayList<>()).add(lines.get(i));
            }
        }
        ObjectNode v = o.putObject("verdicts");
        verdicts.forEach(v::put);
        ObjectNode f = o.putObject("failures");
        reasons.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Integer>> e) -> -e.getValue().size()))
                .forEach(e -> {
                    ObjectNode g = f.putObject(e.getKey());
                    g.put("count", e.getValue().size());
                    e.getValue().stream().limit(5).forEach(g.putArray("lines")::add);
                });
        return o;
    }

    /** A failure reason with quoted specifics and repo ids blanked, so equal causes group together. */
    private static String reason(ExecResult r) {
        String s = r.summary().replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("[^\\s'\"]+/[^\\s'\"]+", "…");
        return s.length() > 120 ? s.substring(0, 120) : s;
    }

    private static List<JsonNode> readResponses() {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = GorillaData.class.getClassLoader().getResourceAsStream(RESPONSES)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + RESPONSES);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
