package dev.rlaif.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Strict JSON Lines reading. Each non-blank line must be one JSON value. A bad line raises an
 * {@link InvalidInputException} naming the source and the line, unless the caller chose
 * {@link BadLines#SKIP}, in which case the line is counted in {@link Result#skipped()} and its
 * first problem is kept in {@link Result#firstProblem()}.
 */
public final class Jsonl {

    /** What to do with a malformed line. */
    public enum BadLines {
        /** Throw an {@link InvalidInputException} (the default everywhere). */
        FAIL,
        /** Skip the line and count it. */
        SKIP
    }

    /**
     * The values read, with the count of skipped lines.
     *
     * @param values values in file order
     * @param skipped number of malformed lines skipped (0 in FAIL mode)
     * @param firstProblem the first skipped line's error message, or "" when none was skipped
     * @param <T> the value type
     */
    public record Result<T>(List<T> values, int skipped, String firstProblem) {
        /** Copies the values. */
        public Result {
            values = List.copyOf(values);
        }
    }

    private Jsonl() {
    }

    /** Reads a file. */
    public static <T> Result<T> read(Path file, LineMapper<T> mapper, BadLines mode) {
        return read(file.toString(), () -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }, mapper, mode);
    }

    /** Reads a stream opened by {@code open}; {@code source} names it in errors. */
    public static <T> Result<T> read(String source, Supplier<InputStream> open, LineMapper<T> mapper, BadLines mode) {
        List<T> out = new ArrayList<>();
        int skipped = 0;
        String first = "";
        try (InputStream in = open.get();
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            long line = 0;
            while ((s = r.readLine()) != null) {
                line++;
                if (line == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
                    s = s.substring(1);
                }
                if (s.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = parseLine(s);
                    out.add(mapper.map(node, line));
                } catch (JsonProcessingException e) {
                    InvalidInputException ex = new InvalidInputException(source, line,
                            "bad JSON: " + e.getOriginalMessage(), e);
                    if (mode == BadLines.FAIL) {
                        throw ex;
                    }
                    skipped++;
                    first = first.isEmpty() ? ex.getMessage() : first;
                } catch (IllegalArgumentException | NullPointerException e) {
                    InvalidInputException ex = new InvalidInputException(source, line, String.valueOf(e.getMessage()), e);
                    if (mode == BadLines.FAIL) {
                        throw ex;
                    }
                    skipped++;
                    first = first.isEmpty() ? ex.getMessage() : first;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return new Result<>(out, skipped, first);
    }

    /** Parses one line as exactly one JSON value. */
    public static JsonNode parseLine(String s) throws JsonProcessingException {
        return Json.MAPPER.readTree(s);
    }
}
