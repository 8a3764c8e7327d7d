package dev.rlaif.core.gorilla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.Jsonl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads the Gorilla APIBench files: API databases, question sets (all four {@code code} layouts)
 * and Gorilla's question files.
 *
 * <p>{@link #bundled()} reads the copy shipped inside rlaif-core's jar, so a fresh checkout runs
 * offline. {@link #fromDirectory(Path)} reads a folder laid out like
 * {@code data/gorilla/} (for example the full official files a user has), and
 * {@link #withTrainFile(Hub, Path)} adds a train file the shipped copy lacks (HuggingFace and
 * TensorFlow Hub). Readers are strict by default: a malformed line throws an
 * {@link dev.rlaif.core.io.InvalidInputException} naming the file and line; pass
 * {@link Jsonl.BadLines#SKIP} to skip and count bad lines instead. Results are cached per instance;
 * instances are thread-safe.
 */
public final class GorillaData {

    /** Classpath folder of the shipped data. */
    public static final String RESOURCE_ROOT = "dev/rlaif/data/gorilla/";

    private final Path dir;
    private final Map<Hub, Path> trainOverrides;
    private final Jsonl.BadLines mode;
    private final Map<Hub, ApiDatabase> apiCache = new EnumMap<>(Hub.class);
    private final Map<Hub, List<Task>> evalCache = new EnumMap<>(Hub.class);
    private final Map<Hub, List<Task>> trainCache = new EnumMap<>(Hub.class);
    private int skipped;

    private GorillaData(Path dir, Map<Hub, Path> trainOverrides, Jsonl.BadLines mode) {
        this.dir = dir;
        this.trainOverrides = Map.copyOf(trainOverrides);
        this.mode = mode;
    }

    /** The data shipped in rlaif-core's jar. */
    public static GorillaData bundled() {
        return new GorillaData(null, Map.of(), Jsonl.BadLines.FAIL);
    }

    /** Data from a folder with the same file names as {@code data/gorilla/}. */
    public static GorillaData fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        return new GorillaData(dir, Map.of(), Jsonl.BadLines.FAIL);
    }

    /** A copy that reads the given hub's train split from {@code file} (e.g. the official HF train set). */
    public GorillaData withTrainFile(Hub hub, Path file) {
        Map<Hub, Path> m = new EnumMap<>(Hub.class);
        m.putAll(trainOverrides);
        m.put(hub, file);
        return new GorillaData(dir, m, mode);
    }

    /** A copy that skips malformed lines (see {@link #skippedLines()}) instead of failing. */
    public GorillaData skippingBadLines() {
        return new GorillaData(dir, trainOverrides, Jsonl.BadLines.SKIP);
    }

    /** Number of malformed lines skipped so far (always 0 in the default strict mode). */
    public synchronized int skippedLines() {
        return skipped;
    }

    /** The API database of a hub. */
    public synchronized ApiDatabase apiDatabase(Hub hub) {
        return apiCache.computeIfAbsent(hub, h -> {
            String name = h.apiFile();
            Jsonl.Result<ApiDoc> r = Jsonl.read(sourceName(name), opener(name), ApiDatabase.MAPPER, mode);
            skipped += r.skipped();
            return new ApiDatabase(sourceName(name), r.values());
        });
    }

    /** The official eval set of a hub: one task per line, {@link Task#line()} = Gorilla's question_id. */
    public synchronized List<Task> evalTasks(Hub hub) {
        return evalCache.computeIfAbsent(hub, h -> {
            String name = h.evalFile();
            return readTasks(sourceName(name), opener(name), h, Split.EVAL);
        });
    }

    /**
     * The official train set of a hub. The shipped data has it for TorchHub only; for the others
     * pass the official file with {@link #withTrainFile}.
     *
     * @throws IllegalArgumentException when the hub has no train file here
     */
    public synchronized List<Task> trainTasks(Hub hub) {
        return trainCache.computeIfAbsent(hub, h -> {
            Path override = trainOverrides.get(h);
            if (override != null) {
                return readTasks(override.toString(), () -> open(override), h, Split.TRAIN);
            }
            if (h.trainFile() == null) {
                throw new IllegalArgumentException("no train file for hub " + h.id()
                        + " in the shipped data (too large for this copy); pass the official "
                        + "file with withTrainFile, or use Splits for a re-split of the eval set");
            }
            return readTasks(sourceName(h.trainFile()), opener(h.trainFile()), h, Split.TRAIN);
        });
    }

    /** True when {@link #trainTasks(Hub)} has a file to read. */
    public boolean hasTrainFile(Hub hub) {
        return trainOverrides.containsKey(hub) || hub.trainFile() != null;
    }

    /** Gorilla's 0-shot question file of a hub. */
    public List<Question> questions(Hub hub) {
        String name = hub.questionFile();
        Jsonl.Result<Question> r = Jsonl.read(sourceName(name), opener(name), (n, line) -> new Question(
                (int) Json.requireLong(n, "question_id"),
                Json.requireString(n, "text"),
                n.hasNonNull("category") ? n.get("category").asText() : ""), mode);
        synchronized (this) {
            skipped += r.skipped();
        }
        return r.values();
    }

    /**
     * Reads an APIBench question set from a file (the format of {@code *_eval.json}, JSON Lines).
     * Strict: a malformed line throws, naming the file and line.
     */
    public static List<Task> readTasks(Path file, Hub hub, Split split) {
        return Jsonl.read(file, taskMapper(hub, split), Jsonl.BadLines.FAIL).values();
    }

    private List<Task> readTasks(String source, Supplier<InputStream> open, Hub hub, Split split) {
        Jsonl.Result<Task> r = Jsonl.read(source, open, taskMapper(hub, split), mode);
        skipped += r.skipped();
        return r.values();
    }

    private static dev.rlaif.core.io.LineMapper<Task> taskMapper(Hub hub, Split split) {
        return (n, line) -> task(n, line, hub, split);
    }

    /** One APIBench record to a task; the reference fields come from the structured keys. */
    static Task task(JsonNode n, long line, Hub hub, Split split) {
        String code = Json.requireString(n, "code");
        String apiCall = Json.requireString(n, "api_call");
        String provider = Json.requireString(n, "provider");
        JsonNode data = Json.requireObject(n, "api_data");
        ApiDoc api;
        try {
            api = ApiDatabase.apiDoc(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("in 'api_data': " + e.getMessage(), e);
        }
        CodeField.Parsed p = CodeField.parse(code);
        GorillaAnswer ref = new GorillaAnswer(api.domain(), apiCall, provider, p.explanation(), p.code());
        return new Task(hub, split, (int) line, p.instruction(), api, ref);
    }

    private String sourceName(String name) {
        return dir == null ? "classpath:" + RESOURCE_ROOT + name : dir.resolve(name).toString();
    }

    private Supplier<InputStream> opener(String name) {
        if (dir != null) {
            Path p = dir.resolve(name);
            return () -> open(p);
        }
        return () -> {
            InputStream in = GorillaData.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + name);
            return Objects.requireNonNull(in, () -> "missing bundled resource " + RESOURCE_ROOT + name);
        };
    }

    private static InputStream open(Path p) {
        try {
            return Files.newInputStream(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
