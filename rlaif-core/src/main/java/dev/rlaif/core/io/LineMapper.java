package dev.rlaif.core.io;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps one parsed JSONL line to a value. Throw {@link IllegalArgumentException} (or use the
 * {@link Json} helpers) to report a bad line; the reader adds the file and line number.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface LineMapper<T> {

    /**
     * @param node the parsed JSON of the line
     * @param line the 1-based line number
     */
    T map(JsonNode node, long line);
}
