package dev.rlaif.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the command line and the environment of one sandboxed run. Everything host-specific is
 * found once, when the sandbox opens: the real interpreter behind a shim, the directories its
 * installation needs, bubblewrap, {@code setpriv}, and whether the JVM runs as root.
 */
final class Launcher {

    /** Where the environment directory appears inside bubblewrap. */
    static final String ENV_MOUNT = "/sandbox/env";
    /** Where the workspace appears inside bubblewrap. */
    static final String WORK_MOUNT = "/sandbox/work";

    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");
    private static final List<String> ETC_FILES = List.of(
            "/etc/ld.so.cache", "/etc/localtime", "/etc/mime.types", "/etc/alternatives");

    private final SandboxConfig config;
    private final String python;
    private final Set<String> pythonDirs;
    private final List<String> sitePackages;
    private final String bwrap;
    private final String setpriv;
    private final boolean root;

    private Launcher(SandboxConfig config, String python, Set<String> pythonDirs, List<String> sitePackages,
            String bwrap, String setpriv, boolean root) {
        this.config = config;
        this.python = python;
        this.pythonDirs = pythonDirs;
        this.sitePackages = sitePackages;
        this.bwrap = bwrap;
        this.setpriv = setpriv;
        this.root = root;
    }

    /**
     * Inspects the host.
     *
     * @throws IllegalArgumentException when the configured interpreter cannot be run
     */
    static Launcher inspect(SandboxConfig config) {
        List<String> info = interpreterInfo(config.python());
        String exe = info.get(0);
        Set<String> dirs = new LinkedHashSet<>();
        for (String d : List.of(parentOf(parentOf(exe)), info.get(1), info.get(2))) {
            if (!d.isEmpty() && !d.equals("/") && !d.startsWith("/usr/") && !d.equals("/usr")) {
                dirs.add(d);
            }
        }
        List<String> site = List.of(info.get(3).split(File.pathSeparator));
        return new Launcher(config, exe, dirs, site, onPath("bwrap"), onPath("setpriv"), isRoot());
    }

    private static List<String> interpreterInfo(String python) {
        String script = "import os,site,sys;print(os.path.realpath(sys.executable));"
                + "print(os.path.realpath(sys.base_prefix));print(os.path.realpath(sys.prefix));"
                + "print(os.pathsep.join(site.getsitepackages()))";
        try {
            Process p = new ProcessBuilder(python, "-I", "-c", script).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalArgumentException("python '" + python + "' failed: " + out.strip());
            }
            List<String> lines = out.strip().lines().toList();
            if (lines.size() != 4) {
                throw new IllegalArgumentException("python '" + python + "' printed unexpected output: " + out);
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run python '" + python + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inspecting python", e);
        }
    }

    private static String parentOf(String path) {
        Path p = Path.of(path).getParent();
        return p == null ? "" : p.toString();
    }

    static String onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin:/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, command);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Path of bubblewrap, or null when it is not installed. */
    String bwrap() {
        return bwrap;
    }

    /** True when the JVM runs as root. */
    boolean root() {
        return root;
    }

    /** True when runs drop to a slot uid, which makes the process limit effective for root. */
    boolean dropsPrivileges() {
        return root && setpriv != null;
    }

    /**
     * The interpreter's site-packages directories. Runs start Python with {@code -S} and put these
     * on {@code sys.path} themselves: that skips {@code .pth} start-up hooks, which on some hosts
     * cost 0.3 s per run and execute code the sandbox did not ask for.
     */
    List<String> sitePackages() {
        return sitePackages;
    }

    /** The resolved interpreter. */
    String python() {
        return python;
    }

    /** The command that runs the runner on {@code work} under the given isolation. */
    List<String> command(Isolation isolation, Path envDir, Path work, int slot) {
        List<String> cmd = new ArrayList<>();
        if (isolation == Isolation.LIMITS_ONLY) {
            String setsid = onPath("setsid");
            if (setsid != null) {
                cmd.add(setsid);
            }
            cmd.addAll(List.of(python, "-I", "-B", "-S", envDir.resolve("rlaif_runner.py").toString(),
                    envDir.toString(), work.toString()));
            return cmd;
        }
        cmd.add(bwrap);
        if (root) {
            cmd.addAll(List.of("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                    "--unshare-cgroup-try", "--cap-drop", "ALL"));
            if (setpriv != null) {
                cmd.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"));
            }
        } else {
            cmd.add("--unshare-all");
        }
        cmd.addAll(List.of("--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"));
        for (String dir : SYSTEM_DIRS) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (IOException e) {
                    continue;
                }
            } else if (Files.isDirectory(p)) {
                cmd.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (String f : ETC_FILES) {
            cmd.addAll(List.of("--ro-bind-try", f, f));
        }
        Set<String> created = new LinkedHashSet<>();
        for (String dir : pythonDirs) {
            // bwrap copies the host's modes onto the parents it creates (e.g. /root 0700), which
            // would lock a dropped uid out of an interpreter installed under a home directory.
            for (Path a = Path.of(dir).getParent(); a != null && a.getNameCount() > 0; a = a.getParent()) {
                created.add(a.toString());
            }
        }
        created.stream().sorted().forEach(a -> cmd.addAll(List.of("--perms", "0755", "--dir", a)));
        for (String dir : pythonDirs) {
            cmd.addAll(List.of("--ro-bind", dir, dir));
        }
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--size", Long.toString(config.maxFileBytes()), "--tmpfs", "/tmp",
                "--perms", "0755", "--dir", "/sandbox",
                "--ro-bind", envDir.toString(), ENV_MOUNT,
                "--bind", work.toString(), WORK_MOUNT,
                "--chdir", WORK_MOUNT));
        if (dropsPrivileges()) {
            String uid = Integer.toString(config.sandboxUidBase() + slot);
            cmd.addAll(List.of(setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        }
        cmd.addAll(List.of(python, "-I", "-B", "-S", ENV_MOUNT + "/rlaif_runner.py", ENV_MOUNT, WORK_MOUNT));
        return cmd;
    }

    /** The whole environment of a run: nothing is inherited from the JVM. */
    Map<String, String> environment(Isolation isolation, Path work) {
        String home = isolation == Isolation.BUBBLEWRAP ? WORK_MOUNT : work.toString();
        String tmp = isolation == Isolation.BUBBLEWRAP ? "/tmp" : work.toString();
        return Map.ofEntries(
                Map.entry("PATH", "/usr/local/bin:/usr/bin:/bin"),
                Map.entry("HOME", home),
                Map.entry("TMPDIR", tmp),
                Map.entry("LANG", "C.UTF-8"),
                Map.entry("PYTHONIOENCODING", "utf-8"),
                Map.entry("PYTHONHASHSEED", "0"),
                Map.entry("PYTHONDONTWRITEBYTECODE", "1"),
                Map.entry("OPENBLAS_NUM_THREADS", "1"),
                Map.entry("OMP_NUM_THREADS", "1"),
                Map.entry("MKL_NUM_THREADS", "1"),
                Map.entry("MPLBACKEND", "Agg"));
    }

    /**
     * How the runner applies the process limit: {@code absolute} where the run has its own uid or
     * user namespace, {@code relative} (on top of the user's current count) in limits-only mode for
     * a non-root user, {@code none} for root without {@code setpriv}, which the kernel exempts.
     */
    String processMode(Isolation isolation) {
        if (isolation == Isolation.BUBBLEWRAP) {
            return !root || dropsPrivileges() ? "absolute" : "none";
        }
        return root ? "none" : "relative";
    }
}
