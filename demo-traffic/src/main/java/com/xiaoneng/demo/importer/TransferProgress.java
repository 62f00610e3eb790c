package com.xiaoneng.demo.importer;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The importer's progress bar: bytes and lines handed to the connection, rate and time left. The server applies
 * lines as they arrive and TCP holds the sender back, so bytes sent track the server's progress closely.
 * One updating line on a terminal; a line every ten seconds when redirected.
 */
final class TransferProgress {
    private static final int WIDTH = 30;
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintStream out;
    private final boolean terminal;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastLogged = started;

    TransferProgress(PrintStream out, boolean terminal, long totalBytes) {
        this.out = out;
        this.terminal = terminal;
        this.totalBytes = totalBytes;
    }

    void show(long bytes, long lines) {
        String line = line(bytes, lines, (System.nanoTime() - started) / 1e9);
        if (terminal) {
            out.print("\r" + line + "  ");
            out.flush();
        } else if (System.nanoTime() - lastLogged >= LOG_INTERVAL_NANOS) {
            lastLogged = System.nanoTime();
            out.println(line);
        }
    }

    /** The last state on its own line, whatever the interval, then the wait for the answer. */
    void finish(long bytes, long lines) {
        String line = line(bytes, lines, (System.nanoTime() - started) / 1e9);
        out.println(terminal ? "\r" + line + "  " : line);
    }

    String line(long bytes, long lines, double seconds) {
        double fraction = totalBytes == 0 ? 1 : Math.min(1, (double) bytes / totalBytes);
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = lines / Math.max(seconds, 1e-3);
        String eta = bytes == 0 ? "--:--:--" : clock((long) (seconds / bytes * (totalBytes - bytes)));
        return "[%s%s] %3.0f%%  %s / %s  %,d lines  %,.0f lines/s  ETA %s".formatted("#".repeat(filled),
                ".".repeat(WIDTH - filled), fraction * 100, megabytes(bytes), megabytes(totalBytes), lines, rate, eta);
    }

    private static String megabytes(long bytes) {
        return "%.1f MB".formatted(bytes / 1e6);
    }

    static String clock(long seconds) {
        return "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
