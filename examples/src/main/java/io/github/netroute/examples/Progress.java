package io.github.netroute.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long operation on a terminal, nothing when the output is piped or redirected: while the
 * operation runs, a daemon thread rewrites one line on stderr every 250 ms ({@code \r}install 100000 routes… 1.5 s),
 * and {@link #close()} clears it. Whether this is a terminal is {@link System#console()} {@code != null} (stdin and
 * stdout both a terminal), so {@code netroute bench > figures.txt} or {@code | tee} prints only the figures.
 *
 * <pre>{@code
 * try (Progress p = Progress.phase("install " + n + " routes")) {
 *     routing.apply(changes);
 * }
 * }</pre>
 */
final class Progress implements AutoCloseable {
    private final String what;
    private final PrintStream err;
    private final Thread ticker;
    private final long t0 = System.nanoTime();
    private volatile boolean done;
    private int width;

    private Progress(String what, PrintStream err, boolean terminal) {
        this.what = what;
        this.err = err;
        if (terminal) {
            ticker = new Thread(this::tick, "netroute-progress");
            ticker.setDaemon(true);
            ticker.start();
        } else {
            ticker = null;
        }
    }

    /** Whether progress is shown: a terminal, and not TERM=dumb. */
    static boolean terminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** A phase on stderr, shown only on a terminal. */
    static Progress phase(String what) {
        return new Progress(what, System.err, terminal());
    }

    /** A phase on {@code err}, shown when {@code terminal} (tests). */
    static Progress phase(String what, PrintStream err, boolean terminal) {
        return new Progress(what, err, terminal);
    }

    private void tick() {
        while (!done) {
            synchronized (this) {
                if (done) {
                    return;
                }
                String line = String.format(Locale.ROOT, "\r%s… %.1f s", what, (System.nanoTime() - t0) / 1e9);
                width = Math.max(width, line.length());
                err.print(line);
                err.flush();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops and clears the line (on a terminal). */
    @Override
    public void close() {
        synchronized (this) {
            done = true;
            if (ticker != null && width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
            }
        }
        if (ticker != null) {
            ticker.interrupt();
        }
    }
}
