package org.cgp.cli.store;

import java.io.PrintStream;

/**
 * A progress bar on stderr for long store commands: redrawn in place (at most ten times a second)
 * on a terminal, one line per tenth of the way otherwise (pm2 or a log file gets no carriage
 * returns). Nothing is printed for a total of zero.
 */
public final class Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw;
    private int lastTenth = -1;
    private long done;

    public Progress(String label, long total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
    }

    /** On stderr, redrawn in place when stderr is a terminal. */
    public static Progress onStderr(String label, long total) {
        return new Progress(label, total, System.err, System.console() != null);
    }

    /** {@code n} of the total are done. */
    public void at(long n) {
        done = n;
        if (total <= 0) return;
        if (terminal) {
            long now = System.nanoTime();
            if (n < total && now - lastDraw < REDRAW_NANOS) return;
            lastDraw = now;
            out.print("\r" + line());
            if (n >= total) out.println();
        } else {
            int tenth = (int) Math.min(10, n * 10 / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println(line());
            }
        }
        out.flush();
    }

    /** One more is done. */
    public void step() { at(done + 1); }

    String line() {
        long n = Math.min(done, total);
        int filled = (int) (n * WIDTH / total);
        return String.format("%s [%s%s] %d/%d (%d%%)", label, "#".repeat(filled), ".".repeat(WIDTH - filled), n, total, n * 100 / total);
    }
}
