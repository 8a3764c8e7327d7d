package dev.rlaif.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An append-only JSONL journal that survives a kill.
 *
 * <p>Each {@link #append} writes one line and flushes it, so a killed process loses at most the
 * line being written. On open, a last line without its newline (the mark of a kill mid-write) is
 * cut off with a warning; any other malformed line is an {@link InvalidInputException} naming the
 * line, because it means the file was damaged by something else and must not be silently dropped.
 * Appends are thread-safe.
 */
public final class JsonlJournal implements Closeable {

    private final Path file;
    private final List<JsonNode> existing;
    private final int droppedTail;
    private final BufferedWriter writer;

    private JsonlJournal(Path file, List<JsonNode> existing, int droppedTail, BufferedWriter writer) {
        this.file = file;
        this.existing = existing;
        this.droppedTail = droppedTail;
        this.writer = writer;
    }

    /**
     * Opens (creating if needed) a journal, reads what it holds, repairs a truncated tail, and
     * positions for appending.
     *
     * @param warn receives a one-line warning when a truncated last line was dropped
     */
    public static JsonlJournal open(Path file, Consumer<String> warn) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            List<JsonNode> nodes = new ArrayList<>();
            int dropped = 0;
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                int goodEnd = 0;
                int start = 0;
                long line = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                        String s = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                        if (!s.isBlank()) {
                            try {
                                nodes.add(Jsonl.parseLine(s));
                            } catch (JsonProcessingException e) {
                                throw new InvalidInputException(file.toString(), line,
                                        "bad JSON in journal: " + e.getOriginalMessage(), e);
                            }
                        }
                        start = i + 1;
                        goodEnd = i + 1;
                    }
                }
                if (goodEnd < bytes.length) {
                    dropped = 1;
                    warn.accept("warning: " + file + ":" + (line + 1)
                            + ": dropped a truncated last line (" + (bytes.length - goodEnd)
                            + " bytes) left by an interrupted write");
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(goodEnd);
                    }
                }
            }
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new JsonlJournal(file, List.copyOf(nodes), dropped, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The entries that were in the file when it was opened, in order. */
    public List<JsonNode> existing() {
        return existing;
    }

    /** 1 when a truncated last line was dropped on open, else 0. */
    public int droppedTail() {
        return droppedTail;
    }

    /** The journal's path. */
    public Path file() {
        return file;
    }

    /** Appends one entry (any Jackson-serialisable value) as one line, and flushes. */
    public synchronized void append(Object entry) {
        String line = entry instanceof JsonNode ? entry.toString() : Json.write(entry);
        if (line.indexOf('\n') >= 0) {
            throw new IllegalStateException("serialised entry contains a newline");
        }
        try {
            writer.write(line);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
        }
    }
}
