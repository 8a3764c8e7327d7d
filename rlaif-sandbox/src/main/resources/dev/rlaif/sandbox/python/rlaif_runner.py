"""Runs one untrusted snippet for rlaif4j's sandbox and writes its verdict.

Usage: ``python3 -I -B -S rlaif_runner.py ENV_DIR WORK_DIR``. ``WORK_DIR/spec.json`` holds the limits and
the mode; ``WORK_DIR/snippet.py`` the code. The verdict goes to ``WORK_DIR/result.json`` as
``{"verdict", "type", "message"}``. The Java side treats that file as a claim, not a proof: the
snippet runs in this same process and could forge it. The sandbox protects the host; the verdict
is only as honest as the code under test.

Order matters: the resource limits are set first, before any import the snippet could influence,
and the snippet is compiled before the offline environment is installed so a syntax error costs
nothing.
"""

import builtins
import json
import os
import re
import resource
import sys

MAIN_PID = os.getpid()

VERDICTS = {
    "ModuleNotFoundError": "import_error",
    "ImportError": "import_error",
    "NameError": "name_error",
    "UnboundLocalError": "name_error",
    "AttributeError": "attribute_error",
    "TypeError": "type_error",
    "MemoryError": "resource_limit",
    "RecursionError": "resource_limit",
}

# Messages by which the real libraries report an unknown model, repo, URL or task (real mode).
REAL_API_ERRORS = (
    "is not a valid model identifier",
    "Repository Not Found",
    "RepositoryNotFoundError",
    "Cannot find callable",
    "HTTP Error 404",
    "Unknown task",
    "404 Client Error",
)


# Notebook lines that are not Python but have a fixed meaning: an IPython shell escape or magic that
# installs packages (``!pip install diffusers``; the premise of a check is that the libraries are
# installed), and the fence lines of a Markdown code block around the code. Both are blanked
# (``pass`` keeps an indented block non-empty), so line numbers stay as written. Any other ``!``
# command is left alone and stays a syntax error.
INSTALL_LINE = re.compile(
    r"^([ \t]*)[!%][ \t]*(?:pip3?|conda|mamba|apt-get|apt)[ \t]+install\b[^\n]*$", re.M)
FENCE_LINE = re.compile(r"^[ \t]*```[\w+.-]*[ \t]*$", re.M)


def notebook_to_python(source):
    """Blanks package-install shell escapes and Markdown fence lines (see INSTALL_LINE)."""
    source = INSTALL_LINE.sub(lambda m: m.group(1) + "pass", source)
    return FENCE_LINE.sub("", source)


def set_limits(limits):
    """CPU seconds, address space, open files, file size and processes; no core dumps."""
    pairs = (
        (resource.RLIMIT_CPU, limits["cpu_seconds"], limits["cpu_seconds"] + 1),
        (resource.RLIMIT_AS, limits["memory_bytes"], limits["memory_bytes"]),
        (resource.RLIMIT_NOFILE, limits["open_files"], limits["open_files"]),
        (resource.RLIMIT_FSIZE, limits["file_bytes"], limits["file_bytes"]),
        (resource.RLIMIT_CORE, 0, 0),
    )
    for kind, soft, hard in pairs:
        resource.setrlimit(kind, (soft, hard))
    mode = limits["process_mode"]
    if mode != "none":
        n = limits["processes"] + (user_tasks() if mode == "relative" else 0)
        resource.setrlimit(resource.RLIMIT_NPROC, (n, n))


def user_tasks():
    """Threads the current user already runs: RLIMIT_NPROC counts them all, not just ours."""
    uid, total = str(os.getuid()), 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/status" % pid, encoding="ascii", errors="replace") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        if fields.get("Uid", "").split()[:1] == [uid]:
            total += int(fields.get("Threads", "1").strip() or 1)
    return total


def classify(error):
    """Maps an exception to a verdict, walking its cause chain for a tagged API error."""
    seen = error
    while seen is not None:
        if getattr(seen, "_rlaif_api_error", False):
            return "api_error"
        seen = seen.__cause__ or seen.__context__
    name = type(error).__name__
    if isinstance(error, OSError) and error.errno in (11, 24, 27, 28):
        return "resource_limit"
    if not OFFLINE and any(p in "%s %s" % (name, error) for p in REAL_API_ERRORS):
        return "api_error"
    for cls in type(error).__mro__:
        if cls.__name__ in VERDICTS:
            return VERDICTS[cls.__name__]
    return "crashed"


def real_type(error):
    """The name of the real exception type (tagged API errors subclass it)."""
    cls = type(error)
    if getattr(cls, "_rlaif_api_error", False):
        cls = cls.__mro__[1]
    return cls.__name__


def _exit(code=None):
    raise SystemExit(code)


def finish(work, verdict, error_type="", message=""):
    if os.getpid() != MAIN_PID:
        os._exit(1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    result = {"verdict": verdict, "type": error_type, "message": message[:2000]}
    fd = os.open(os.path.join(work, "result.json"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, json.dumps(result).encode("utf-8"))
    os.close(fd)
    os._exit(0)


def main():
    global OFFLINE
    env_dir, work = sys.argv[1], sys.argv[2]
    with open(os.path.join(work, "spec.json"), encoding="utf-8") as f:
        spec = json.load(f)
    OFFLINE = spec["offline"]
    set_limits(spec["limits"])
    # Started with -S: site-packages without their .pth start-up hooks, and the two builtins that
    # the site module would have added.
    sys.path.extend(p for p in spec.get("site_packages", []) if p not in sys.path)
    builtins.exit = builtins.quit = _exit
    with open(os.path.join(work, "snippet.py"), encoding="utf-8") as f:
        source = notebook_to_python(f.read())
    try:
        code = compile(source, "<snippet>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        finish(work, "syntax_error", type(e).__name__, str(e))
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    if OFFLINE:
        sys.path.insert(0, env_dir)
        import ast
        import rlaif_offline
        rlaif_offline.install(os.path.join(env_dir, "tables.json"))
        for name in rlaif_offline.free_inputs(ast.parse(source)):
            namespace[name] = rlaif_offline.Permissive()
    sys.argv = ["snippet.py"]
    try:
        exec(code, namespace)
    except SystemExit as e:
        if e.code in (None, 0):
            finish(work, "ok")
        finish(work, "crashed", "SystemExit", str(e.code))
    except BaseException as e:
        finish(work, classify(e), real_type(e), str(e))
    finish(work, "ok")


OFFLINE = True

if __name__ == "__main__":
    main()
