package com.xiaoneng.demo.simulator;

import java.io.PrintStream;
import java.time.Duration;

/** A single updating line on a terminal; a line every ten seconds in a log. */
final class ProgressLine {
    private static final int WIDTH = 24;
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private long lastLogged = System.nanoTime();

    ProgressLine(PrintStream out) {
        this.out = out;
    }

    /** Backfill: done / total cases, command rate and the time left at that pace. */
    void cases(Stats stats, long total) {
        long done = stats.casesDone();
        double seconds = stats.seconds();
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = done == 0 ? "--:--:--" : clock((long) (seconds / done * (total - done)));
        show("[%s%s] %d/%d cases %3.0f%%  %.0f cmd/s  ETA %s  rejected %d".formatted("#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, fraction * 100, stats.sent() / Math.max(seconds, 1e-3), eta,
                stats.unexpectedRejections()));
    }

    /** Live: commands so far and their rate, cases open. */
    void live(Stats stats, int open) {
        double seconds = stats.seconds();
        show("live %s  %d commands  %.1f cmd/s  %d cases done, %d open  rejected %d".formatted(clock((long) seconds),
                stats.sent(), stats.sent() / Math.max(seconds, 1e-3), stats.casesDone(), open, stats.unexpectedRejections()));
    }

    /** Ends the updating line so that the summary starts on its own. */
    void finish() {
        if (terminal) {
            out.println();
        }
    }

    private void show(String line) {
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
        } else if (System.nanoTime() - lastLogged >= LOG_INTERVAL_NANOS) {
            lastLogged = System.nanoTime();
            out.println(line);
        }
    }

    private static String clock(long seconds) {
        return "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
