package dev.rlaif.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs untrusted Python snippets, one child process each, and reports a structured
 * {@link ExecResult}.
 *
 * <p>Where bubblewrap works, each run gets a new network, pid, ipc and uts namespace, a read-only
 * view of {@code /usr} and the interpreter's installation, a private {@code /tmp} and workspace
 * that are deleted afterwards, no home directory, no project checkout and no inherited environment
 * variables. When the JVM runs as root the run drops to its own unprivileged uid. In every mode the
 * runner sets CPU, address-space, process, open-file and file-size limits before the snippet runs,
 * output is capped, and a wall-clock timeout kills the whole process tree. Without bubblewrap the
 * sandbox falls back to those limits alone, says so once on stderr in capitals, and marks every
 * result {@link Isolation#LIMITS_ONLY}.
 *
 * <p>Thread-safe. At most {@link SandboxConfig#parallelism()} runs execute at once, whichever
 * threads call {@link #run}; {@link #runAll} spreads a batch over that many threads. Open one
 * sandbox and reuse it: opening checks the host (about half a second).
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.open(SandboxConfig.defaults(), ApiEnvironment.bundled())) {
 *     ExecResult r = sandbox.run("from transformers import pipeline\npipeline('fill-mask', model='bert-base-uncased')");
 *     r.verdict();   // OK
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rlaif-sandbox-output");
        t.setDaemon(true);
        return t;
    });
    private static final int SIGXCPU = 24;
    private static final int SIGXFSZ = 25;
    private static final int SIGKILL = 9;

    private final SandboxConfig config;
    private final ApiEnvironment environment;
    private final Launcher launcher;
    private final Isolation isolation;
    private final Path root;
    private final BlockingQueue<Integer> slots;
    private final ExecutorService pool;
    private final AtomicInteger threadIds = new AtomicInteger();

    private Sandbox(SandboxConfig config, ApiEnvironment environment, Launcher launcher, Path root) {
        this.config = config;
        this.environment = environment;
        this.launcher = launcher;
        this.root = root;
        this.slots = new ArrayBlockingQueue<>(config.parallelism());
        for (int i = 0; i < config.parallelism(); i++) {
            slots.add(i);
        }
        this.pool = Executors.newFixedThreadPool(config.parallelism(), r -> {
            Thread t = new Thread(r, "rlaif-sandbox-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.isolation = chooseIsolation();
    }

    /**
     * Opens a sandbox: resolves the interpreter and decides the isolation by running one trivial
     * snippet under bubblewrap.
     *
     * @throws IllegalArgumentException when the interpreter cannot be run
     * @throws IllegalStateException when {@link SandboxConfig.IsolationPolicy#REQUIRE_BUBBLEWRAP}
     *     is set and bubblewrap is missing or does not work here
     */
    public static Sandbox open(SandboxConfig config, ApiEnvironment environment) {
        Launcher launcher = Launcher.inspect(config);
        try {
            Path root = Files.createTempDirectory("rlaif-sandbox-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Workspace.deleteTree(root)));
            return new Sandbox(config, environment, launcher, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox's temporary directory", e);
        }
    }

    private Isolation chooseIsolation() {
        if (config.isolation() == SandboxConfig.IsolationPolicy.LIMITS_ONLY) {
            return Isolation.LIMITS_ONLY;
        }
        String problem;
        if (launcher.bwrap() == null) {
            problem = "bubblewrap (bwrap) is not installed; on Debian/Ubuntu: apt-get install bubblewrap";
        } else {
            ExecResult probe = execute("pass", Isolation.BUBBLEWRAP);
            problem = probe.ok() ? null : "bubblewrap does not work here: " + probe.summary() + " " + probe.stderr().strip();
        }
        if (problem == null) {
            return Isolation.BUBBLEWRAP;
        }
        if (config.isolation() == SandboxConfig.IsolationPolicy.REQUIRE_BUBBLEWRAP) {
            throw new IllegalStateException(problem);
        }
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("""
                    ************************************************************************
                    WARNING: SANDBOX RUNS WITHOUT ISOLATION (resource limits only).
                    %s
                    Untrusted code can read and write your files and reach the network.
                    Every result is marked isolation=limits_only.
                    ************************************************************************"""
                    .formatted(problem));
        }
        return Isolation.LIMITS_ONLY;
    }

    /** The isolation every run of this sandbox gets. */
    public Isolation isolation() {
        return isolation;
    }

    /** The configuration. */
    public SandboxConfig config() {
        return config;
    }

    /** The Python environment the snippets run in. */
    public ApiEnvironment environment() {
        return environment;
    }

    /**
     * Runs one snippet and waits for its verdict. Blocks while all slots are busy. Never throws for
     * anything the snippet does; host failures (no disk space for the workspace) are unchecked.
     */
    public ExecResult run(String code) {
        return execute(code == null ? "" : code, isolation);
    }

    /** Runs a batch on {@link SandboxConfig#parallelism()} threads; results in input order. */
    public List<ExecResult> runAll(List<String> codes) {
        List<Future<ExecResult>> futures = new ArrayList<>(codes.size());
        for (String code : codes) {
            futures.add(pool.submit(() -> run(code)));
        }
        List<ExecResult> out = new ArrayList<>(codes.size());
        try {
            for (Future<ExecResult> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running snippets", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        return out;
    }

    private ExecResult execute(String code, Isolation mode) {
        int slot;
        try {
            slot = slots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a sandbox slot", e);
        }
        try (Workspace ws = Workspace.create(root)) {
            writeInputs(ws.dir(), code, mode);
            return launch(ws.dir(), mode, slot);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox workspace failed", e);
        } finally {
            slots.add(slot);
        }
    }

    private void writeInputs(Path work, String code, Isolation mode) throws IOException {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        spec.put("offline", environment.offline());
        launcher.sitePackages().forEach(spec.putArray("site_packages")::add);
        ObjectNode limits = spec.putObject("limits");
        limits.put("cpu_seconds", config.cpuSeconds());
        limits.put("memory_bytes", config.memoryBytes());
        limits.put("open_files", config.maxOpenFiles());
        limits.put("file_bytes", config.maxFileBytes());
        limits.put("processes", config.maxProcesses());
        limits.put("process_mode", launcher.processMode(mode));
        Files.write(work.resolve("spec.json"), Json.MAPPER.writeValueAsBytes(spec));
        Files.writeString(work.resolve("snippet.py"), code, StandardCharsets.UTF_8);
    }

    private ExecResult launch(Path work, Isolation mode, int slot) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(launcher.command(mode, environment.directory(), work, slot));
        pb.environment().clear();
        pb.environment().putAll(launcher.environment(mode, work));
        pb.directory(work.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process = pb.start();
        AtomicLong total = new AtomicLong();
        AtomicBoolean flooded = new AtomicBoolean();
        Runnable onFlood = () -> {
            flooded.set(true);
            killTree(process, mode);
        };
        Future<byte[]> out = READERS.submit(() -> capture(process.getInputStream(), total, onFlood));
        Future<byte[]> err = READERS.submit(() -> capture(process.getErrorStream(), total, onFlood));
        boolean finished;
        try {
            finished = process.waitFor(config.wallTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process, mode);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a snippet ran", e);
        }
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        killTree(process, mode);
        int exit = finished ? process.exitValue() : -1;
        String stdout = text(out);
        String stderr = text(err);
        if (flooded.get()) {
            return new ExecResult(Verdict.RESOURCE_LIMIT, "", "output exceeded " + config.maxOutputBytes()
                    + " bytes", stdout, stderr, wallMillis, mode, -1);
        }
        if (!finished) {
            return new ExecResult(Verdict.TIMEOUT, "", "wall-clock limit of " + config.wallTimeout().toMillis()
                    + " ms exceeded", stdout, stderr, wallMillis, mode, exit);
        }
        JsonNode result = readResult(work.resolve("result.json"));
        if (result != null) {
            Verdict verdict;
            try {
                verdict = Verdict.parse(result.path("verdict").asText());
            } catch (IllegalArgumentException e) {
                verdict = Verdict.CRASHED;
            }
            return new ExecResult(verdict, result.path("type").asText(""), result.path("message").asText(""),
                    stdout, stderr, wallMillis, mode, exit);
        }
        return new ExecResult(verdictForExit(exit), "", describeExit(exit), stdout, stderr, wallMillis, mode, exit);
    }

    private static Verdict verdictForExit(int exit) {
        if (exit == 0) {
            return Verdict.OK;
        }
        if (exit == 128 + SIGXCPU || exit == 128 + SIGXFSZ) {
            return Verdict.RESOURCE_LIMIT;
        }
        return Verdict.CRASHED;
    }

    private static String describeExit(int exit) {
        if (exit == 128 + SIGXCPU) {
            return "CPU-time limit exceeded (SIGXCPU)";
        }
        if (exit == 128 + SIGXFSZ) {
            return "file-size limit exceeded (SIGXFSZ)";
        }
        if (exit == 128 + SIGKILL) {
            return "killed (SIGKILL)";
        }
        return exit == 0 ? "" : "exited with status " + exit + " without a verdict";
    }

    /** Reads the runner's verdict, refusing links and oversized files the snippet may have planted. */
    private static JsonNode readResult(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > (1 << 20)) {
                return null;
            }
            return Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] capture(InputStream in, AtomicLong total, Runnable onFlood) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buf = new byte[64 << 10];
        try (in) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                int room = config.keptOutputBytes() - kept.size();
                if (room > 0) {
                    kept.write(buf, 0, Math.min(room, n));
                }
                if (total.addAndGet(n) > config.maxOutputBytes()) {
                    onFlood.run();
                    break;
                }
            }
        }
        return kept.toByteArray();
    }

    private static String text(Future<byte[]> captured) {
        try {
            return new String(captured.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            captured.cancel(true);
            return "";
        }
    }

    /**
     * Kills the run's whole tree. Under bubblewrap killing the tree's root ends the pid namespace
     * and with it every process the snippet started, daemonised or not. In limits-only mode the run
     * leads its own process group, which is killed as a group so orphans that stayed in it die too.
     */
    private static void killTree(Process process, Isolation mode) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (mode == Isolation.LIMITS_ONLY) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the batch threads and deletes the sandbox's temporary directory. */
    @Override
    public void close() {
        pool.shutdownNow();
        Workspace.deleteTree(root);
    }
}
