package dev.rlaif.ppo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.AdamW;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.io.HfCheckpoint;
import dev.rlaif.lm.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's checkpoint: {@code <output>/checkpoint/} holds each model as a Hugging Face directory
 * ({@code policy/}, {@code reference/}, and PPO's {@code value/}), each optimiser's moments
 * ({@code optimizer.<name>.safetensors}), and {@code trainer_state.json} with the step, the optimiser
 * step counts, the algorithm's scalar state (the KL coefficient), the seed (with the step, the whole
 * RNG state: see {@link Seeds}), the data cursor and the config.
 *
 * <p><b>Atomicity.</b> A checkpoint is written whole into a fresh {@code checkpoint.partial-*}
 * directory, then swapped in by two renames ({@code checkpoint → checkpoint.old},
 * {@code partial → checkpoint}) before the old one is deleted. A kill at any moment leaves either a
 * complete {@code checkpoint} or, between the renames, a complete {@code checkpoint.old}; the loader
 * takes whichever exists and removes leftovers. The reference is saved too, so a resumed run
 * measures KL against the same starting policy whatever model the caller passes in.
 */
final class Checkpoint {

    /** The checkpoint directory's name under the output directory. */
    static final String DIR = "checkpoint";
    /** The trainer state file. */
    static final String STATE_FILE = "trainer_state.json";
    /** The provenance file. */
    static final String PROVENANCE_FILE = "provenance.json";

    private static final String OLD = DIR + ".old";
    private static final String PARTIAL_PREFIX = DIR + ".partial-";

    /**
     * What a checkpoint restored.
     *
     * @param dir where it was read from
     * @param step steps completed
     * @param scalars the algorithm's scalar state
     */
    record Loaded(Path dir, int step, Map<String, Double> scalars) {
    }

    private Checkpoint() {
    }

    /**
     * Writes a checkpoint of step {@code step} and swaps it in.
     *
     * @return the checkpoint directory
     */
    static Path save(Path output, int step, Map<String, Gpt2Model> models, Map<String, AdamW> optimizers,
            Map<String, Double> scalars, Map<String, Object> extra, Provenance provenance) {
        try {
            Files.createDirectories(output);
            Path tmp = Files.createTempDirectory(output, PARTIAL_PREFIX);
            for (Map.Entry<String, Gpt2Model> e : models.entrySet()) {
                Gpt2Model m = e.getValue();
                new HfCheckpoint(m.config(), m.toHost()).save(tmp.resolve(e.getKey()));
            }
            Map<String, Long> optimizerSteps = new LinkedHashMap<>();
            for (Map.Entry<String, AdamW> e : optimizers.entrySet()) {
                Safetensors.write(tmp.resolve(optimizerFile(e.getKey())), e.getValue().state(), Map.of("format", "pt"));
                optimizerSteps.put(e.getKey(), e.getValue().steps());
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("global_step", step);
            state.put("optimizer_steps", optimizerSteps);
            state.put("scalars", scalars);
            state.putAll(extra);
            Files.writeString(tmp.resolve(STATE_FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            Files.writeString(tmp.resolve(PROVENANCE_FILE),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(provenance));
            Path current = output.resolve(DIR);
            Path old = output.resolve(OLD);
            deleteTree(old);
            if (Files.exists(current)) {
                Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint under " + output + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds the checkpoint under {@code output}, cleaning up what an interrupted save left, and loads
     * it into the given models and optimisers.
     *
     * @return what was restored, or empty when there is no checkpoint (a fresh run)
     */
    static Optional<Loaded> restore(Path output, Map<String, Gpt2Model> models, Map<String, AdamW> optimizers) {
        try {
            if (!Files.isDirectory(output)) {
                return Optional.empty();
            }
            try (Stream<Path> s = Files.list(output)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(PARTIAL_PREFIX)).toList()) {
                    deleteTree(p);
                }
            }
            Path current = output.resolve(DIR);
            Path old = output.resolve(OLD);
            if (!Files.exists(current) && Files.exists(old)) {
                Files.move(old, current, StandardCopyOption.ATOMIC_MOVE);
            }
            deleteTree(old);
            if (!Files.exists(current.resolve(STATE_FILE))) {
                return Optional.empty();
            }
            JsonNode state = Json.MAPPER.readTree(Files.readString(current.resolve(STATE_FILE)));
            int step = (int) Json.requireLong(state, "global_step");
            for (Map.Entry<String, Gpt2Model> e : models.entrySet()) {
                e.getValue().loadWeights(HfCheckpoint.load(current.resolve(e.getKey())).tensors());
            }
            JsonNode optimizerSteps = Json.requireObject(state, "optimizer_steps");
            for (Map.Entry<String, AdamW> e : optimizers.entrySet()) {
                e.getValue().load(Safetensors.read(current.resolve(optimizerFile(e.getKey()))),
                        Json.requireLong(optimizerSteps, e.getKey()));
            }
            Map<String, Double> scalars = Json.MAPPER.convertValue(Json.requireObject(state, "scalars"),
                    new TypeReference<Map<String, Double>>() { });
            return Optional.of(new Loaded(current, step, scalars));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint under " + output + ": " + e.getMessage(), e);
        }
    }

    /** The saved config of the checkpoint under {@code output}, for comparing with a resuming run's. */
    static Optional<JsonNode> savedConfig(Path output) {
        Path file = output.resolve(DIR).resolve(STATE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(Files.readString(file)).get("config"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String optimizerFile(String name) {
        return "optimizer." + name + ".safetensors";
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(p)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path q : all) {
            Files.delete(q);
        }
    }
}
