package dev.rlaif.sandbox;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Python side of the sandbox, written once to a directory that every check mounts read-only.
 *
 * <p>Two kinds exist. The <b>offline</b> environment holds the runner, the stand-in runtime
 * ({@code rlaif_offline.py}) and the tables generated from the API databases ({@code tables.json}):
 * loading calls are checked against the databases and no model is ever downloaded. The <b>real</b>
 * environment holds only the runner: code runs against whatever libraries the interpreter has,
 * for callers with a real Python environment (and network, if they run without bubblewrap).
 *
 * <p>Generating the tables takes a few hundred milliseconds, so {@link #bundled()} caches one
 * environment per JVM; the directory is deleted when the JVM exits. Instances are immutable and
 * safe to share between threads and sandboxes.
 */
public final class ApiEnvironment {

    private static final List<String> RUNTIME = List.of("rlaif_runner.py", "rlaif_offline.py");
    private static ApiEnvironment bundled;
    private static ApiEnvironment real;

    private static final List<String> PREFERRED = List.of("transformers", "diffusers", "sentence_transformers");

    private final Path directory;
    private final boolean offline;
    private final String tablesSha256;
    private final ApiTables tables;

    private ApiEnvironment(Path directory, boolean offline, String tablesSha256, ApiTables tables) {
        this.directory = directory;
        this.offline = offline;
        this.tablesSha256 = tablesSha256;
        this.tables = tables;
    }

    /** The offline environment of the bundled Gorilla API databases, generated once per JVM. */
    public static synchronized ApiEnvironment bundled() {
        if (bundled == null) {
            GorillaData data = GorillaData.bundled();
            Map<Hub, List<ApiDoc>> dbs = new EnumMap<>(Hub.class);
            for (Hub hub : Hub.values()) {
                dbs.put(hub, data.apiDatabase(hub).records());
            }
            bundled = offline(dbs);
        }
        return bundled;
    }

    /**
     * Generates an offline environment from the given API databases (for example a user's full
     * copies). Each call writes a new directory; keep the instance and reuse it.
     */
    public static ApiEnvironment offline(Map<Hub, List<ApiDoc>> databases) {
        ApiTables tables = ApiTables.build(databases);
        try {
            Path dir = newDirectory();
            byte[] json = Json.MAPPER.writeValueAsBytes(tables.toJson());
            Files.write(dir.resolve("tables.json"), json);
            return new ApiEnvironment(dir, true, sha256(json), tables);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the offline API environment", e);
        }
    }

    /** The real-mode environment: no stand-ins, no placeholders; created once per JVM. */
    public static synchronized ApiEnvironment real() {
        if (real == null) {
            try {
                real = new ApiEnvironment(newDirectory(), false, "", null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the sandbox runner", e);
            }
        }
        return real;
    }

    private static Path newDirectory() throws IOException {
        Path dir = Files.createTempDirectory("rlaif-pyenv-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        for (String name : RUNTIME) {
            try (InputStream in = ApiEnvironment.class.getResourceAsStream("python/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource dev/rlaif/sandbox/python/" + name);
                }
                Files.copy(in, dir.resolve(name));
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Workspace.deleteTree(dir)));
        return dir;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory to mount read-only in the sandbox. */
    public Path directory() {
        return directory;
    }

    /** True for the offline environment (stand-ins and placeholders), false for real mode. */
    public boolean offline() {
        return offline;
    }

    /** SHA-256 of {@code tables.json}, recorded as provenance of executability numbers; "" in real mode. */
    public String tablesSha256() {
        return tablesSha256;
    }

    /**
     * The module that defines a class name such as {@code AutoModel}, for completing a bare
     * {@code api_call} line with its import; the Hugging Face libraries are preferred, then the
     * first package in name order. Empty when no table lists the name, or in real mode.
     */
    Optional<String> moduleDefining(String name) {
        if (tables == null) {
            return Optional.empty();
        }
        for (String m : PREFERRED) {
            if (tables.modules().getOrDefault(m, Set.of()).contains(name)) {
                return Optional.of(m);
            }
        }
        return tables.modules().entrySet().stream()
                .filter(e -> !e.getKey().contains(".") && e.getValue().contains(name))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The tables of an offline environment; null in real mode. */
    ApiTables tables() {
        return tables;
    }

    /** The generated {@code tables.json} as text (offline only), for inspection and tests. */
    String tablesJson() throws IOException {
        return Files.readString(directory.resolve("tables.json"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ApiEnvironment[" + (offline ? "offline" : "real") + ", " + directory + "]";
    }
}
