package dev.rlaif.examples.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs pipeline stages so that a killed run resumes at the stage it was in.
 *
 * <p>Each stage owns a folder. When the stage finishes, its provenance is written to
 * {@code provenance.json} in that folder, atomically and last. On a rerun, a stage whose folder
 * holds a provenance with the same {@link Provenance#id()} is skipped; a stage with no provenance
 * (killed mid-way) or a different one (changed config or inputs) is cleared and run again.
 */
final class Stages {

    /** A stage's work: fills the folder it is given. */
    @FunctionalInterface
    interface Body {
        void run(Path dir) throws Exception;
    }

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<String, Boolean> skipped = new LinkedHashMap<>();

    /**
     * Runs {@code body} in {@code dir} unless a finished stage with the same provenance is there.
     *
     * @return true when the stage ran, false when it was skipped
     */
    boolean run(String name, Path dir, Provenance prov, Body body) {
        Path marker = dir.resolve("provenance.json");
        if (Files.exists(marker)) {
            Provenance old = read(marker);
            if (old != null && old.sameInputs(prov)) {
                System.err.println("[stage] " + name + ": up to date, skipped (" + dir + ")");
                skipped.put(name, true);
                seconds.putIfAbsent(name, 0.0);
                return false;
            }
        }
        System.err.println("[stage] " + name + ": running (" + dir + ")");
        long t0 = System.nanoTime();
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            body.run(dir);
            Path tmp = dir.resolve("provenance.json.tmp");
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(prov));
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("stage " + name + " failed: " + e.getMessage(), e);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.put(name, s);
        skipped.put(name, false);
        System.err.printf(java.util.Locale.ROOT, "[stage] %s: done in %.1f s%n", name, s);
        return true;
    }

    /** Wall seconds of each stage run in this invocation (0 for skipped stages). */
    Map<String, Double> seconds() {
        return Map.copyOf(seconds);
    }

    /** Which stages were skipped in this invocation. */
    Map<String, Boolean> skipped() {
        return Map.copyOf(skipped);
    }

    /** The provenance stored in a finished stage folder, or null. */
    static Provenance read(Path marker) {
        try {
            JsonNode n = Json.MAPPER.readTree(marker.toFile());
            return Json.MAPPER.treeToValue(n, Provenance.class);
        } catch (IOException e) {
            return null;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
