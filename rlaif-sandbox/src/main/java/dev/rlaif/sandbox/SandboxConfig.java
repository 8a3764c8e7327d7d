package dev.rlaif.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and policy of a {@link Sandbox}. Immutable; build one with {@link #builder()}.
 *
 * <p>The defaults suit checking Gorilla answers under the offline environment, where a snippet
 * that is not stuck finishes in well under a second: the limits exist to stop hostile or runaway
 * code, not to budget legitimate work.
 *
 * @param python the interpreter to run: a command on {@code PATH} or a path. Default
 *     {@code python3}. Shims (pyenv) are resolved to the real interpreter once, so the sandbox can
 *     mount its installation read-only.
 * @param wallTimeout wall-clock limit per run, start-up included; on expiry the whole process tree
 *     is killed and the verdict is {@code timeout}. Default 10 s.
 * @param cpuSeconds CPU-time limit ({@code RLIMIT_CPU}); the kernel kills the process with
 *     {@code SIGXCPU}, verdict {@code resource_limit}. Default 10 s, equal to the wall limit so a
 *     busy loop ends as {@code timeout} or {@code resource_limit}, whichever the machine hits first.
 * @param memoryBytes address-space limit ({@code RLIMIT_AS}); allocations beyond it raise
 *     {@code MemoryError}. Default 2 GiB: numpy and the stand-ins need about 150 MiB of address
 *     space, and 2 GiB times the default pool size fits a laptop.
 * @param maxProcesses process limit ({@code RLIMIT_NPROC}), counted per sandbox slot user when the
 *     JVM runs as root and per user namespace otherwise. Default 32: enough for a snippet that
 *     starts a few helpers, low enough that a fork bomb dies at once.
 * @param maxOpenFiles open-file limit ({@code RLIMIT_NOFILE}). Default 128.
 * @param maxFileBytes largest file the snippet may write ({@code RLIMIT_FSIZE}), and the size of
 *     the private {@code /tmp}. Default 64 MiB.
 * @param maxOutputBytes stdout plus stderr the run may produce before it is killed with verdict
 *     {@code resource_limit}. Default 1 MiB.
 * @param keptOutputBytes how much of each of stdout and stderr the result keeps. Default 8 KiB.
 * @param parallelism maximum concurrent runs of one sandbox, whichever threads call it. Default:
 *     the number of available processors.
 * @param isolation whether bubblewrap is required, preferred or skipped. Default
 *     {@link IsolationPolicy#AUTO}.
 * @param sandboxUidBase when the JVM runs as root, run {@code i} drops to uid
 *     {@code sandboxUidBase + slot} so the process limit applies (the kernel exempts uid 0 from
 *     it) and slots cannot signal each other. Default 1,950,000,000, a range no distribution
 *     assigns.
 */
public record SandboxConfig(String python, Duration wallTimeout, int cpuSeconds, long memoryBytes, int maxProcesses,
        int maxOpenFiles, long maxFileBytes, long maxOutputBytes, int keptOutputBytes, int parallelism,
        IsolationPolicy isolation, int sandboxUidBase) {

    /** Whether to use bubblewrap. */
    public enum IsolationPolicy {
        /** Use bubblewrap when it works here; otherwise warn loudly once and run with limits only. */
        AUTO,
        /** Fail when bubblewrap is missing or unusable: for services that must never run unisolated. */
        REQUIRE_BUBBLEWRAP,
        /** Limits only, even where bubblewrap exists (debugging, or a caller's own container). */
        LIMITS_ONLY
    }

    /** Validates every field. */
    public SandboxConfig {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(wallTimeout, "wallTimeout");
        Objects.requireNonNull(isolation, "isolation");
        if (python.isBlank()) {
            throw new IllegalArgumentException("python must not be blank");
        }
        if (wallTimeout.isNegative() || wallTimeout.isZero()) {
            throw new IllegalArgumentException("wallTimeout must be positive, got " + wallTimeout);
        }
        positive("cpuSeconds", cpuSeconds);
        positive("memoryBytes", memoryBytes);
        positive("maxProcesses", maxProcesses);
        positive("maxOpenFiles", maxOpenFiles);
        positive("maxFileBytes", maxFileBytes);
        positive("maxOutputBytes", maxOutputBytes);
        positive("keptOutputBytes", keptOutputBytes);
        positive("parallelism", parallelism);
        positive("sandboxUidBase", sandboxUidBase);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** The defaults documented on each field. */
    public static SandboxConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.python = python;
        b.wallTimeout = wallTimeout;
        b.cpuSeconds = cpuSeconds;
        b.memoryBytes = memoryBytes;
        b.maxProcesses = maxProcesses;
        b.maxOpenFiles = maxOpenFiles;
        b.maxFileBytes = maxFileBytes;
        b.maxOutputBytes = maxOutputBytes;
        b.keptOutputBytes = keptOutputBytes;
        b.parallelism = parallelism;
        b.isolation = isolation;
        b.sandboxUidBase = sandboxUidBase;
        return b;
    }

    /** Builds a {@link SandboxConfig}; each setter's meaning and default are on the record component of its name. */
    public static final class Builder {
        private String python = "python3";
        private Duration wallTimeout = Duration.ofSeconds(10);
        private int cpuSeconds = 10;
        private long memoryBytes = 2L << 30;
        private int maxProcesses = 32;
        private int maxOpenFiles = 128;
        private long maxFileBytes = 64L << 20;
        private long maxOutputBytes = 1L << 20;
        private int keptOutputBytes = 8 << 10;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private IsolationPolicy isolation = IsolationPolicy.AUTO;
        private int sandboxUidBase = 1_950_000_000;

        private Builder() {
        }

        /** See {@link SandboxConfig#python()}. */
        public Builder python(String v) {
            python = v;
            return this;
        }

        /** See {@link SandboxConfig#wallTimeout()}. */
        public Builder wallTimeout(Duration v) {
            wallTimeout = v;
            return this;
        }

        /** See {@link SandboxConfig#cpuSeconds()}. */
        public Builder cpuSeconds(int v) {
            cpuSeconds = v;
            return this;
        }

        /** See {@link SandboxConfig#memoryBytes()}. */
        public Builder memoryBytes(long v) {
            memoryBytes = v;
            return this;
        }

        /** See {@link SandboxConfig#maxProcesses()}. */
        public Builder maxProcesses(int v) {
            maxProcesses = v;
            return this;
        }

        /** See {@link SandboxConfig#maxOpenFiles()}. */
        public Builder maxOpenFiles(int v) {
            maxOpenFiles = v;
            return this;
        }

        /** See {@link SandboxConfig#maxFileBytes()}. */
        public Builder maxFileBytes(long v) {
            maxFileBytes = v;
            return this;
        }

        /** See {@link SandboxConfig#maxOutputBytes()}. */
        public Builder maxOutputBytes(long v) {
            maxOutputBytes = v;
            return this;
        }

        /** See {@link SandboxConfig#keptOutputBytes()}. */
        public Builder keptOutputBytes(int v) {
            keptOutputBytes = v;
            return this;
        }

        /** See {@link SandboxConfig#parallelism()}. */
        public Builder parallelism(int v) {
            parallelism = v;
            return this;
        }

        /** See {@link SandboxConfig#isolation()}. */
        public Builder isolation(IsolationPolicy v) {
            isolation = v;
            return this;
        }

        /** See {@link SandboxConfig#sandboxUidBase()}. */
        public Builder sandboxUidBase(int v) {
            sandboxUidBase = v;
            return this;
        }

        /** Validates and builds. */
        public SandboxConfig build() {
            return new SandboxConfig(python, wallTimeout, cpuSeconds, memoryBytes, maxProcesses, maxOpenFiles,
                    maxFileBytes, maxOutputBytes, keptOutputBytes, parallelism, isolation, sandboxUidBase);
        }
    }
}
