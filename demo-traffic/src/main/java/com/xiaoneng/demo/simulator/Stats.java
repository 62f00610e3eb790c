package com.xiaoneng.demo.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What a simulation sent and what came back; updated by many threads, read at any time. */
public final class Stats {
    private final long startNanos = System.nanoTime();
    private final Map<Step.Kind, LongAdder> sent = new EnumMap<>(Step.Kind.class);
    private final LongAdder replayed = new LongAdder();
    private final Map<String, LongAdder> races = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder dueMismatches = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder casesDone = new LongAdder();

    Stats() {
        for (Step.Kind kind : Step.Kind.values()) {
            sent.put(kind, new LongAdder());
        }
    }

    void sent(Step.Kind kind, boolean wasReplayed) {
        sent.get(kind).increment();
        if (wasReplayed) {
            replayed.increment();
        }
    }

    void race(String rule) {
        races.computeIfAbsent(rule, r -> new LongAdder()).increment();
    }

    void rejected(Step.Kind kind, int status, String rule) {
        rejections.computeIfAbsent(kind + " " + status + " " + rule, r -> new LongAdder()).increment();
    }

    void skipped(int steps) {
        skipped.add(steps);
    }

    void dueMismatch() {
        dueMismatches.increment();
    }

    void failed() {
        failures.increment();
    }

    void caseDone() {
        casesDone.increment();
    }

    public long sent() {
        return sent.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long sent(Step.Kind kind) {
        return sent.get(kind).sum();
    }

    /** Answers the command side replayed for an Idempotency-Key it had seen: nothing new was stored. */
    public long replayed() {
        return replayed.sum();
    }

    /** Expected 409s: an automatic step of the command side came first. By rule. */
    public Map<String, Long> races() {
        return snapshot(races);
    }

    /** Unexpected refusals, by "KIND status rule". */
    public Map<String, Long> rejections() {
        return snapshot(rejections);
    }

    public long unexpectedRejections() {
        return rejections.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long skippedSteps() {
        return skipped.sum();
    }

    /** Due dates the command side answered that differ from the plan's own calendar arithmetic. */
    public long dueMismatches() {
        return dueMismatches.sum();
    }

    /** Commands without an answer after all retries. */
    public long failures() {
        return failures.sum();
    }

    public long casesDone() {
        return casesDone.sum();
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        double seconds = seconds();
        out.append("cases: %d, commands sent: %d in %.1f s (%.0f/s), answers replayed (already stored): %d%n"
                .formatted(casesDone(), sent(), seconds, sent() / Math.max(seconds, 1e-3), replayed()));
        out.append("  by command:");
        sent.forEach((kind, count) -> out.append(' ').append(kind).append('=').append(count.sum()));
        out.append(System.lineSeparator());
        out.append("  expected races (an automatic step came first): ").append(describe(races())).append(System.lineSeparator());
        out.append("  rejections by rule: ").append(describe(rejections())).append(System.lineSeparator());
        out.append("  steps skipped after a race or rejection: %d, due dates differing from the plan: %d, no answer: %d"
                .formatted(skippedSteps(), dueMismatches(), failures()));
        return out.toString();
    }

    private static String describe(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.toString();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }
}
