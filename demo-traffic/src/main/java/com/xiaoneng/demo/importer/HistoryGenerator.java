package com.xiaoneng.demo.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.demo.simulator.Backfill;
import com.xiaoneng.demo.simulator.CasePlan;
import com.xiaoneng.demo.simulator.Planner;
import com.xiaoneng.demo.simulator.Step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A past period's history as an import file (NDJSON, one case command per line), planned by the simulator's
 * {@link Backfill}: the same seed gives the same bytes. Lines are in business-time order over all cases, as an
 * export of the old platform would list them, so each case's lines are in its own order too.
 */
public final class HistoryGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ties in business time keep case and step order, so the file does not depend on the queue's internals. */
    private static final Comparator<Pending> ORDER = Comparator.comparing(Pending::at)
            .thenComparingLong(Pending::caseNumber).thenComparingInt(p -> p.step().index());

    private final Backfill backfill;
    private final Instant until;

    /** What was written. */
    public record Summary(long cases, long lines, Map<String, Long> commands) {
    }

    private record Pending(Instant at, long caseNumber, String caseId, Step step) {
    }

    /**
     * @param cases how many cases are submitted in {@code from .. to} (Beijing days), weighted like the simulator's
     *              backfill: working days carry four times the volume of weekends and holidays
     * @param until steps after this instant are left out (a case still open at the export stays open)
     */
    public HistoryGenerator(Planner planner, long seed, LocalDate from, LocalDate to, long cases, Instant until) {
        this.backfill = Backfill.ofTotal(planner, seed, from, to, cases);
        this.until = until;
    }

    /** The default cut-off: the end of the period's last day, Beijing time. */
    public static Instant endOf(LocalDate to) {
        return WorkingDayCalendar.endOf(to).minusSeconds(1);
    }

    public Summary write(Writer out) throws IOException {
        PriorityQueue<Pending> pending = new PriorityQueue<>(ORDER);
        Map<String, Long> commands = new TreeMap<>();
        long lines = 0;
        long total = backfill.totalCases();
        for (long n = 0; n < total; n++) {
            CasePlan plan = backfill.plan(n, until);
            if (plan.steps().isEmpty()) {
                continue;
            }
            // cases come day by day and are submitted on their day, so every step before that day is final
            Instant dayStart = WorkingDayCalendar.localDay(plan.steps().get(0).at()).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
            lines += flush(pending, dayStart, out, commands);
            for (Step step : plan.steps()) {
                pending.add(new Pending(step.at(), n, plan.caseId(), step));
            }
        }
        lines += flush(pending, Instant.MAX, out, commands);
        return new Summary(total, lines, commands);
    }

    private static long flush(PriorityQueue<Pending> pending, Instant before, Writer out, Map<String, Long> commands)
            throws IOException {
        long written = 0;
        while (!pending.isEmpty() && pending.peek().at().isBefore(before)) {
            Pending next = pending.poll();
            out.write(line(next.caseId(), next.step()));
            out.write('\n');
            commands.merge(next.step().kind().command(), 1L, Long::sum);
            written++;
        }
        return written;
    }

    /** {"command", "caseId", then the REST body of the step with its business time}. */
    static String line(String caseId, Step step) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("command", step.kind().command());
        line.put("caseId", caseId);
        // a submission's body carries the caseId too; the map keeps it once, in second place
        line.putAll(step.body(step.at()));
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
