package com.xiaoneng.demo.importer;

import java.time.Duration;
import java.util.List;

/**
 * The command side's answer to one import, with what the client measured.
 *
 * @param lines      lines the server read
 * @param applied    lines that stored something
 * @param duplicates lines already imported before (their key was known), stored nothing
 * @param rejected   lines refused, each listed in {@code rejections}
 * @param automaticSteps automatic steps (default ratings, revocations) the command side scheduled for the imported
 *                   cases after their lines, where the history lacks the fact
 * @param bytesSent  request body bytes sent
 * @param elapsed    from the first byte sent to the answer
 */
public record ImportResult(long lines, long applied, long duplicates, long rejected, long automaticSteps,
                           List<Rejection> rejections,
                           long bytesSent, Duration elapsed) {

    /** A refused line: its number (1 = first line), case, the rule or field it broke and why. */
    public record Rejection(long line, String caseId, String rule, String field, String message) {
    }

    /** Lines per second over the whole import. */
    public double linesPerSecond() {
        return lines / Math.max(elapsed.toNanos() / 1e9, 1e-3);
    }
}
