package dev.rlaif.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile code: each case must come back with its verdict while the host stays untouched. Cases
 * that need namespaces are skipped where bubblewrap is unusable; the limit cases run in any mode.
 */
class SandboxHostileTest {

    private static final String SECRET_ENV = "RLAIF_SANDBOX_TEST_SECRET";

    private static Sandbox sandbox;

    @BeforeAll
    static void open() {
        sandbox = Sandbox.open(SandboxConfig.builder()
                .wallTimeout(Duration.ofSeconds(6))
                .cpuSeconds(3)
                .memoryBytes(1L << 30)
                .maxOutputBytes(256 << 10)
                .parallelism(2)
                .build(), ApiEnvironment.real());
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    private static String py(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void tcpConnectionToAServerOnTheHostFails() throws Exception {
        assumeTrue(sandbox.isolation() == Isolation.BUBBLEWRAP, "needs a network namespace");
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            Thread acceptor = new Thread(() -> {
                long end = System.nanoTime() + 8_000_000_000L;
                while (System.nanoTime() < end && !server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        continue;
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            ExecResult r = sandbox.run("import socket\n"
                    + "s = socket.create_connection(('127.0.0.1', " + server.getLocalPort() + "), timeout=2)\n"
                    + "s.sendall(b'hello')\nprint('CONNECTED')\n");
            server.close();
            acceptor.join();
            assertNotEquals(Verdict.OK, r.verdict(), r.toString());
            assertFalse(r.stdout().contains("CONNECTED"));
            assertEquals(0, accepted.get(), "the host server saw a connection");
        }
    }

    @Test
    void writesOutsideTheTemporaryDirectoryDoNotReachTheHost(@TempDir Path hostDir) {
        assumeTrue(sandbox.isolation() == Isolation.BUBBLEWRAP, "needs a mount namespace");
        Path inTemp = hostDir.resolve("pwned.txt");
        Path inCheckout = Path.of(System.getProperty("user.dir")).resolve("pwned-" + UUID.randomUUID() + ".txt");
        Path inHome = Path.of(System.getProperty("user.home")).resolve("pwned-" + UUID.randomUUID() + ".txt");
        String code = "import os\n"
                + "for p in [" + py(inTemp.toString()) + ", " + py(inCheckout.toString()) + ", "
                + py(inHome.toString()) + ", '/usr/pwned.txt', '/etc/pwned.txt']:\n"
                + "    try:\n"
                + "        os.makedirs(os.path.dirname(p), exist_ok=True)\n"
                + "        open(p, 'w').write('pwned')\n"
                + "        print('WROTE', p)\n"
                + "    except OSError as e:\n"
                + "        print('DENIED', p, e)\n"
                + "open('inside.txt', 'w').write('fine')\n"
                + "open('/tmp/inside.txt', 'w').write('fine')\n";
        ExecResult r = sandbox.run(code);
        assertEquals(Verdict.OK, r.verdict(), r.toString());
        for (Path p : new Path[] {inTemp, inCheckout, inHome, Path.of("/usr/pwned.txt"), Path.of("/etc/pwned.txt")}) {
            assertFalse(Files.exists(p), "host file written: " + p);
        }
        assertFalse(Files.exists(Path.of("/tmp/inside.txt")), "the sandbox's /tmp is the host's /tmp");
    }

    @Test
    void secretsInTheEnvironmentHomeAndFilesStayHidden(@TempDir Path hostDir) throws IOException {
        String secret = System.getenv(SECRET_ENV);
        assumeTrue(secret != null, SECRET_ENV + " is set by the module's surefire configuration");
        String fileSecret = "file-secret-" + UUID.randomUUID();
        Path secretFile = hostDir.resolve("credentials");
        Files.writeString(secretFile, fileSecret);
        String code = "import os\n"
                + "print(dict(os.environ))\n"
                + "print(os.path.expanduser('~'))\n"
                + "for p in [" + py(secretFile.toString()) + "]:\n"
                + "    try:\n"
                + "        print(open(p).read())\n"
                + "    except OSError as e:\n"
                + "        print('DENIED', e)\n";
        ExecResult r = sandbox.run(code);
        String seen = r.stdout() + r.stderr() + r.message();
        assertEquals(Verdict.OK, r.verdict(), r.toString());
        assertFalse(seen.contains(secret), "the secret environment variable leaked");
        assertFalse(seen.contains(SECRET_ENV), "the secret environment variable's name leaked");
        String home = System.getProperty("user.home");
        assertFalse(r.stdout().lines().anyMatch(home::equals), "the snippet's home is the host's home");
        if (sandbox.isolation() == Isolation.BUBBLEWRAP) {
            assertFalse(seen.contains(fileSecret), "a host file was readable");
        }
    }

    @Test
    void forkBombIsStoppedAndLeavesNoProcess() throws InterruptedException {
        assumeTrue(sandbox.isolation() == Isolation.BUBBLEWRAP,
                "without a pid namespace and slot uid, root is exempt from the process limit");
        String code = "import os\nwhile True:\n    os.fork()\n";
        ExecResult r = sandbox.run(code);
        assertTrue(Set.of(Verdict.RESOURCE_LIMIT, Verdict.TIMEOUT).contains(r.verdict()), r.toString());
        assertTrue(awaitNoDescendants(), "processes of the fork bomb survived");
    }

    @Test
    void infiniteLoopTimesOutOrHitsTheCpuLimit() {
        ExecResult r = sandbox.run("while True:\n    pass\n");
        assertTrue(Set.of(Verdict.TIMEOUT, Verdict.RESOURCE_LIMIT).contains(r.verdict()), r.toString());
    }

    @Test
    void allocatingTenGibibytesHitsTheMemoryLimit() {
        ExecResult r = sandbox.run("x = bytearray(10 * 1024 ** 3)\nprint(len(x))\n");
        assertEquals(Verdict.RESOURCE_LIMIT, r.verdict(), r.toString());
        assertEquals("MemoryError", r.exceptionType());
    }

    @Test
    void printingOneHundredMebibytesIsCutAndStopped() {
        ExecResult r = sandbox.run("import sys\nchunk = 'x' * 65536\nfor _ in range(1600):\n    sys.stdout.write(chunk)\n");
        assertEquals(Verdict.RESOURCE_LIMIT, r.verdict(), r.toString());
        assertTrue(r.stdout().length() <= sandbox.config().keptOutputBytes(), "kept " + r.stdout().length());
    }

    @Test
    void backgroundChildDoesNotOutliveTheRun() throws InterruptedException {
        String marker = "rlaif-orphan-" + UUID.randomUUID();
        String code = "import subprocess, sys\n"
                + "subprocess.Popen([sys.executable, '-S', '-c', 'import time; time.sleep(60)', " + py(marker) + "],\n"
                + "                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
                + "print('spawned')\n";
        ExecResult r = sandbox.run(code);
        assertEquals(Verdict.OK, r.verdict(), r.toString());
        assertTrue(r.stdout().contains("spawned"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        boolean alive = true;
        while (alive && System.nanoTime() < deadline) {
            alive = ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                    .map(args -> String.join(" ", args).contains(marker)).orElse(false));
            if (alive) {
                Thread.sleep(100);
            }
        }
        if (sandbox.isolation() == Isolation.BUBBLEWRAP) {
            assertFalse(alive, "the background child survived the run");
        }
    }

    @Test
    void limitsOnlyModeSaysSoInEveryResult() {
        try (Sandbox plain = Sandbox.open(sandbox.config().toBuilder()
                .isolation(SandboxConfig.IsolationPolicy.LIMITS_ONLY).parallelism(1).build(), ApiEnvironment.real())) {
            ExecResult r = plain.run("print('hi')");
            assertEquals(Verdict.OK, r.verdict(), r.toString());
            assertEquals(Isolation.LIMITS_ONLY, r.isolation());
            assertEquals("hi", r.stdout().strip());
        }
    }

    @Test
    void verdictsComeFromTheSnippetsExceptions() {
        assertEquals(Verdict.SYNTAX_ERROR, sandbox.run("def f(:\n  pass").verdict());
        assertEquals(Verdict.NAME_ERROR, sandbox.run("print(undefined_name_xyz)").verdict());
        assertEquals(Verdict.TYPE_ERROR, sandbox.run("len(3)").verdict());
        assertEquals(Verdict.IMPORT_ERROR, sandbox.run("import module_that_does_not_exist_xyz").verdict());
        ExecResult crashed = sandbox.run("raise ValueError('boom')");
        assertEquals(Verdict.CRASHED, crashed.verdict());
        assertEquals("ValueError", crashed.exceptionType());
        assertEquals("boom", crashed.message());
        assertEquals(Verdict.OK, sandbox.run("import sys\nsys.exit(0)").verdict());
        assertEquals(Verdict.CRASHED, sandbox.run("import sys\nsys.exit(3)").verdict());
    }

    private static boolean awaitNoDescendants() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.current().descendants().findAny().isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void outputIsDecodedAsUtf8() {
        ExecResult r = sandbox.run("print('h\\u00e9llo \\u4e16\\u754c')");
        assertEquals(Verdict.OK, r.verdict(), r.toString());
        assertEquals("h\u00e9llo \u4e16\u754c", r.stdout().strip());
    }
}
