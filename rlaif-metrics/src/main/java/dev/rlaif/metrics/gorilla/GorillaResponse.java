package dev.rlaif.metrics.gorilla;

import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.Jsonl;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * One line of a Gorilla response file.
 *
 * @param questionId Gorilla's question id: the 1-based line of the matching {@code *_eval.json}
 * @param text the model's answer, or null when the line has none (Gorilla counts such a line in the
 *     denominator and never as correct)
 */
public record GorillaResponse(int questionId, String text) {

    /** Validates the id. */
    public GorillaResponse {
        if (questionId < 1) {
            throw new IllegalArgumentException("question_id must be >= 1, got " + questionId);
        }
    }

    /**
     * Reads a response file (JSON Lines with {@code question_id} and {@code text}). Strict: a bad
     * line throws an exception naming the file and line.
     */
    public static List<GorillaResponse> read(Path file) {
        return Jsonl.read(file, GorillaResponse::fromJson, Jsonl.BadLines.FAIL).values();
    }

    /** Reads response lines from any stream (a classpath resource, say); {@code source} names it in errors. */
    public static List<GorillaResponse> read(String source, Supplier<InputStream> open) {
        return Jsonl.read(source, open, GorillaResponse::fromJson, Jsonl.BadLines.FAIL).values();
    }

    private static GorillaResponse fromJson(JsonNode node, long line) {
        return new GorillaResponse((int) Json.requireLong(node, "question_id"),
                node.hasNonNull("text") ? node.get("text").asText() : null);
    }
}
