package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.Jsonl;
import dev.rlaif.feedback.JournaledFeedback;
import dev.rlaif.feedback.OfflineJudge;
import dev.rlaif.feedback.OpenAiJudge;
import dev.rlaif.feedback.OpenAiJudgeConfig;
import dev.rlaif.feedback.Rubric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rlaif feedback}: judges a JSONL file of completions with a rubric judge and appends every
 * judgement to a journal; a rerun skips what the journal holds.
 */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = {"Judge completions with a rubric judge (offline or OpenAI-compatible) into a resumable journal.",
            "Input lines: {\"hub\": \"torchhub|huggingface|tensorflowhub\", \"split\": \"train|eval\", "
                + "\"task\": N, \"completion\": \"...\"}, N the 1-based line in the hub's split file "
                + "(HuggingFace and TensorFlow Hub train tasks index the eval file, as the re-split does)."})
final class FeedbackCommand implements Callable<Integer> {

    /** Which judge answers the rubric. */
    enum JudgeKind { offline, openai }

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Completions to judge (JSONL).")
    Path input;

    @Option(names = "--journal", required = true, paramLabel = "OUT",
            description = "Journal to append to (JSONL); judgements already there are not asked again.")
    Path journal;

    @Option(names = "--judge", paramLabel = "KIND",
            description = "offline or openai (default: openai when --judge-url is given, else offline).")
    JudgeKind judge;

    @Option(names = "--judge-url", paramLabel = "URL",
            description = "OpenAI-compatible server root, e.g. http://localhost:8000 (default https://api.openai.com).")
    String judgeUrl;

    @Option(names = "--judge-model", paramLabel = "NAME", description = "Judge model (default gpt-3.5-turbo).")
    String judgeModel;

    @Option(names = "--judge-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
            description = "Environment variable holding the API key (default ${DEFAULT-VALUE}); never printed.")
    String keyEnv;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "per-question",
            description = "per-question (log-prob P(yes) per question) or all-in-one (one JSON reply).")
    String mode;

    @Option(names = "--docs", paramLabel = "HOW", defaultValue = "retrieved",
            description = "API documentation in the prompt: retrieved (BM25) or oracle (the reference record).")
    String docs;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Requests in flight (openai).")
    int concurrency;

    @Option(names = "--rpm", paramLabel = "N", defaultValue = "0", description = "Requests per minute, 0 = no limit.")
    int rpm;

    @Option(names = "--price-prompt", paramLabel = "USD", defaultValue = "0", description = "USD per 1k prompt tokens.")
    double pricePrompt;

    @Option(names = "--price-completion", paramLabel = "USD", defaultValue = "0",
            description = "USD per 1k completion tokens.")
    double priceCompletion;

    @Option(names = "--rubric", paramLabel = "FILE", description = "A rubric JSON file (default: the API-call rubric).")
    Path rubricFile;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder laid out like data/gorilla/ (default: the data shipped in the jar).")
    Path dataDir;

    @Option(names = "--json", description = "Print the summary as JSON to stdout.")
    boolean json;

    /** One input line. */
    private record Item(Task task, String completion) {
    }

    @Override
    public Integer call() {
        GorillaData data = dataDir == null ? GorillaData.bundled() : GorillaData.fromDirectory(dataDir);
        List<Item> items = read(data);
        Rubric rubric = rubricFile == null ? Rubric.apiCall() : Rubric.read(rubricFile);
        JudgeKind kind = judge != null ? judge : judgeUrl != null ? JudgeKind.openai : JudgeKind.offline;
        Map<Hub, List<ApiDoc>> dbs = new EnumMap<>(Hub.class);
        for (Item it : items) {
            dbs.computeIfAbsent(it.task().hub(), h -> data.apiDatabase(h).records());
        }
        if (dbs.isEmpty()) {
            dbs.put(Hub.TORCHHUB, data.apiDatabase(Hub.TORCHHUB).records());
        }
        List<Task> tasks = new ArrayList<>(items.size());
        List<String> completions = new ArrayList<>(items.size());
        for (Item it : items) {
            tasks.add(it.task());
            completions.add(it.completion());
        }
        try (FeedbackProvider provider = provider(kind, rubric, dbs);
                JournaledFeedback jf = JournaledFeedback.open(provider, journal)) {
            JournaledFeedback.Result r = jf.run(tasks, completions);
            summarize(r, provider);
        }
        return 0;
    }

    private FeedbackProvider provider(JudgeKind kind, Rubric rubric, Map<Hub, List<ApiDoc>> dbs) {
        if (kind == JudgeKind.offline) {
            if (judgeUrl != null || judgeModel != null) {
                throw new IllegalArgumentException("--judge-url and --judge-model need --judge openai");
            }
            return OfflineJudge.builder(dbs).rubric(rubric).build();
        }
        OpenAiJudgeConfig.Builder b = OpenAiJudgeConfig.builder().apiKeyEnv(keyEnv).rubric(rubric)
                .mode(parseMode(mode)).docs(parseDocs(docs)).maxConcurrency(concurrency).requestsPerMinute(rpm)
                .pricePer1kPromptTokens(pricePrompt).pricePer1kCompletionTokens(priceCompletion);
        if (judgeUrl != null) {
            b.baseUrl(judgeUrl);
        }
        if (judgeModel != null) {
            b.model(judgeModel);
        }
        return OpenAiJudge.create(b.build(), dbs);
    }

    private static OpenAiJudgeConfig.Mode parseMode(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "per-question": return OpenAiJudgeConfig.Mode.PER_QUESTION;
            case "all-in-one": return OpenAiJudgeConfig.Mode.ALL_IN_ONE;
            default: throw new IllegalArgumentException("unknown --mode '" + s + "': expected per-question or all-in-one");
        }
    }

    private static OpenAiJudgeConfig.Docs parseDocs(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "retrieved": return OpenAiJudgeConfig.Docs.RETRIEVED;
            case "oracle": return OpenAiJudgeConfig.Docs.ORACLE;
            default: throw new IllegalArgumentException("unknown --docs '" + s + "': expected retrieved or oracle");
        }
    }

    private List<Item> read(GorillaData data) {
        Map<Hub, List<Task>> evalCache = new EnumMap<>(Hub.class);
        Map<Hub, List<Task>> trainCache = new EnumMap<>(Hub.class);
        return Jsonl.read(input, (n, line) -> {
            Hub hub = Hub.parse(Json.requireString(n, "hub"));
            Split split = Split.parse(Json.requireString(n, "split"));
            long number = Json.requireLong(n, "task");
            String completion = Json.requireString(n, "completion");
            boolean trainFile = split == Split.TRAIN && data.hasTrainFile(hub);
            List<Task> pool = trainFile ? trainCache.computeIfAbsent(hub, data::trainTasks)
                    : evalCache.computeIfAbsent(hub, data::evalTasks);
            if (number < 1 || number > pool.size()) {
                throw new IllegalArgumentException("task " + number + " is outside 1.." + pool.size() + " for "
                        + hub.id() + " " + split.id() + " (" + (trainFile ? hub.trainFile() : hub.evalFile()) + ")");
            }
            Task t = pool.get((int) number - 1);
            if (t.split() != split) {
                t = new Task(t.hub(), split, t.line(), t.instruction(), t.api(), t.reference());
            }
            return new Item(t, completion);
        }, Jsonl.BadLines.FAIL).values();
    }

    private void summarize(JournaledFeedback.Result r, FeedbackProvider provider) {
        double sum = 0;
        int valid = 0;
        for (Feedback f : r.feedback()) {
            if (f.valid()) {
                sum += f.score();
                valid++;
            }
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("n", r.feedback().size());
        o.put("from_journal", r.fromJournal());
        o.put("judged", r.judged());
        o.put("failed", r.failed());
        o.put("invalid", r.feedback().size() - valid);
        if (valid > 0) {
            o.put("mean_score", sum / valid);
        } else {
            o.putNull("mean_score");
        }
        o.put("cost_usd", r.costUsd());
        o.put("judge", provider.configId());
        o.put("journal", journal.toString());
        if (json) {
            System.out.println(o.toString());
        } else {
            System.out.printf(Locale.ROOT, "judged %d (%d from journal, %d new, %d failed), mean score %s, spend $%.4f -> %s%n",
                    r.feedback().size(), r.fromJournal(), r.judged(), r.failed(),
                    valid > 0 ? String.format(Locale.ROOT, "%.4f", sum / valid) : "n/a", r.costUsd(), journal);
        }
    }
}
