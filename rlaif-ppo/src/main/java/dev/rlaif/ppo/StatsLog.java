package dev.rlaif.ppo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.JsonlJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-step statistics of a run: kept in memory for the {@link dev.rlaif.core.TrainingReport}
 * and, with an output directory, appended to {@code stats.jsonl} (one object per step, TRL's metric
 * names plus {@code step}). On resume the log is cut back to the checkpoint's step first, so steps
 * that ran after the last checkpoint and are about to be redone appear once.
 */
final class StatsLog implements AutoCloseable {

    /** The log's file name under the output directory. */
    static final String FILE = "stats.jsonl";

    private final List<Map<String, Double>> history = new ArrayList<>();
    private final JsonlJournal journal;

    private StatsLog(JsonlJournal journal) {
        this.journal = journal;
    }

    /**
     * Opens the log of a run that has completed {@code completedSteps} steps (0 for a fresh run).
     *
     * @param output the output directory, or {@code null} to keep the stats in memory only
     */
    static StatsLog open(Path output, int completedSteps) {
        if (output == null) {
            return new StatsLog(null);
        }
        Path file = output.resolve(FILE);
        List<JsonNode> kept = new ArrayList<>();
        if (Files.exists(file)) {
            try (JsonlJournal old = JsonlJournal.open(file, System.err::println)) {
                for (JsonNode n : old.existing()) {
                    if (n.path("step").asDouble() <= completedSteps) {
                        kept.add(n);
                    }
                }
            }
            rewrite(file, kept);
        }
        StatsLog log = new StatsLog(JsonlJournal.open(file, System.err::println));
        for (JsonNode n : kept) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), e.getValue().asDouble());
            }
            log.history.add(m);
        }
        return log;
    }

    /** Records one step's statistics. */
    void append(Map<String, Double> stats) {
        history.add(stats);
        if (journal != null) {
            journal.append(stats);
        }
    }

    /** Every step's statistics so far, oldest first (steps before a resume included). */
    List<Map<String, Double>> history() {
        return history;
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private static void rewrite(Path file, List<JsonNode> entries) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE, ".tmp");
            StringBuilder sb = new StringBuilder();
            for (JsonNode n : entries) {
                sb.append(Json.write(n)).append('\n');
            }
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }
}
