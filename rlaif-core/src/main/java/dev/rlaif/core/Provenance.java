package dev.rlaif.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an artifact came from: the stage that made it, its configuration, seed, the hash of its
 * input data, and the ids of its parent artifacts. Written beside every checkpoint, journal and
 * report ({@code provenance.json}), so any result can be traced and reproduced, and compared to
 * decide whether a stage may be skipped on rerun ({@link #sameInputs}).
 *
 * @param stage what made the artifact, e.g. {@code sft}, {@code reward}, {@code ppo}
 * @param config the stage's configuration, as a JSON-friendly map
 * @param seed the RNG seed
 * @param inputHash SHA-256 of the input data (see {@link #sha256})
 * @param parents ids ({@link #id()}) of the artifacts this one was made from
 * @param versions library versions (rlaif4j, DJL, ...)
 * @param createdAt creation time, ISO-8601; not part of {@link #id()}
 */
public record Provenance(String stage, Map<String, Object> config, long seed, String inputHash,
        List<String> parents, Map<String, String> versions, String createdAt) {

    /** Copies and sorts the maps. */
    public Provenance {
        Objects.requireNonNull(stage, "stage");
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(config));
        parents = parents == null ? List.of() : List.copyOf(parents);
        versions = versions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(versions));
        inputHash = inputHash == null ? "" : inputHash;
        createdAt = createdAt == null ? Instant.now().toString() : createdAt;
    }

    /** A provenance stamped now. */
    public static Provenance of(String stage, Map<String, Object> config, long seed, String inputHash,
            List<String> parents) {
        return new Provenance(stage, config, seed, inputHash, parents, Map.of("rlaif4j", version()), null);
    }

    /**
     * A content id: the SHA-256 of stage, config, seed, input hash and parents (not the time), so
     * two runs with the same inputs produce the same id.
     */
    public String id() {
        return sha256(stage + "\n" + CANONICAL.apply(config) + "\n" + seed + "\n" + inputHash + "\n" + parents);
    }

    /** Canonical JSON (map keys sorted at every depth), so a config read back from disk has the same id. */
    private static final java.util.function.Function<Object, String> CANONICAL = value -> {
        try {
            return dev.rlaif.core.io.Json.MAPPER.copy()
                    .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("provenance config is not serialisable: " + e.getMessage(), e);
        }
    };

    /** True when {@code other} was made by the same stage from the same inputs. */
    public boolean sameInputs(Provenance other) {
        return other != null && id().equals(other.id());
    }

    /** rlaif4j's version, from the jar manifest, or {@code dev}. */
    public static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Hex SHA-256 of a string (UTF-8). */
    public static String sha256(String s) {
        return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
