package dev.rlaif.core;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for long stages, written to stderr (never stdout, which carries JSON).
 *
 * <p>On a terminal it redraws one line; in logs (CI, files) it prints a line at most every
 * {@link #LOG_INTERVAL_NANOS} and at the end, so logs stay short. Thread-safe.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("judging", tasks.size())) {
 *     for (...) { ...; p.step(1); p.status("fail=" + failures); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    /** Minimum interval between printed lines when stderr is not a terminal: 5 s. */
    public static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private static volatile boolean quiet = Boolean.getBoolean("rlaif.quiet");

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean tty;
    private final long startNanos = System.nanoTime();
    private long done;
    private String status = "";
    private long lastPrint;

    private Progress(String label, long total, PrintStream out) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.tty = System.console() != null;
    }

    /** Starts a bar on stderr for {@code total} units of work (0 when unknown). */
    public static Progress start(String label, long total) {
        return new Progress(label, total, System.err);
    }

    /** Silences every bar (tests, or {@code -Drlaif.quiet=true}). */
    public static void setQuiet(boolean q) {
        quiet = q;
    }

    /** Adds {@code n} finished units. */
    public synchronized void step(long n) {
        done += n;
        maybePrint(false);
    }

    /** Sets the finished units to {@code n}. */
    public synchronized void set(long n) {
        done = n;
        maybePrint(false);
    }

    /** Sets a short status shown after the counts (e.g. {@code reward=0.41 kl=0.02}). */
    public synchronized void status(String s) {
        status = s == null ? "" : s;
    }

    private void maybePrint(boolean last) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        long interval = tty ? 200_000_000L : LOG_INTERVAL_NANOS;
        if (!last && now - lastPrint < interval) {
            return;
        }
        lastPrint = now;
        out.print(render(now) + (tty && !last ? "\r" : "\n"));
        out.flush();
    }

    /** Renders the current line, e.g. {@code sft [#####-----] 50/100 12.3/s eta 4s loss=1.2}. */
    synchronized String render(long now) {
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / secs;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int width = 20;
            int filled = (int) Math.min(width, Math.round(width * (double) done / total));
            sb.append('[').append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
            sb.append(done).append('/').append(total);
            double eta = rate > 0 ? (total - done) / rate : Double.NaN;
            sb.append(String.format(Locale.ROOT, " %.1f/s eta %s", rate, fmt(eta)));
        } else {
            sb.append(done).append(String.format(Locale.ROOT, " %.1f/s", rate));
        }
        sb.append(String.format(Locale.ROOT, " elapsed %s", fmt(secs)));
        if (!status.isEmpty()) {
            sb.append(' ').append(status);
        }
        return sb.toString();
    }

    private static String fmt(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + "m" + (t % 60) + "s" : t + "s";
    }

    /** Prints the final line. */
    @Override
    public synchronized void close() {
        maybePrint(true);
    }
}
