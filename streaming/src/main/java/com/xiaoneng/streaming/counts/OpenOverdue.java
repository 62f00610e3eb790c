package com.xiaoneng.streaming.counts;

import com.xiaoneng.streaming.cases.CaseState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Open overdue at an instant as a running sum (docs/metrics.md, "Open overdue"): a case is open and overdue at
 * {@code asOf} when accepted by then, due before it, neither completed nor revoked by then, and not suspended. In
 * milliseconds that is {@code from <= asOf < until} with {@code from = max(accepted, due + 1)} and
 * {@code until = max(due + 1, completed or revoked)}, so the case adds +1 at {@code from} and −1 at {@code until},
 * and the number open overdue at {@code asOf} is the sum of the changes up to it. A case completed in time adds
 * nothing (its two changes fall on one instant); a suspended case adds nothing while suspended, as the
 * {@code suspended = 0} of the case_facts query.
 */
public final class OpenOverdue {
    private OpenOverdue() {
    }

    /** A case's changes: none, +1 at {@code from}, or +1 at {@code from} and −1 at {@code until}. */
    public static List<OverdueRow> of(CaseState state) {
        List<OverdueRow> rows = new ArrayList<>(2);
        Instant from = from(state);
        if (from != null) {
            CaseDimensions dimensions = CaseDimensions.of(state);
            rows.add(new OverdueRow(from.toEpochMilli(), dimensions, 1));
            Instant until = until(state);
            if (until != null) {
                rows.add(new OverdueRow(until.toEpochMilli(), dimensions, -1));
            }
        }
        return rows;
    }

    /** When the case became open and overdue (milliseconds); null if it never was, or while it is suspended. */
    static Instant from(CaseState state) {
        if (state == null || state.submittedAt == null || state.acceptedAt == null || state.dueAt == null
                || state.suspended) {
            return null;
        }
        long pastDue = Math.addExact(state.dueAt.toEpochMilli(), 1);
        long from = Math.max(state.acceptedAt.toEpochMilli(), pastDue);
        Instant end = earliest(state.completedAt, state.revokedAt);
        return end == null || from < Math.max(pastDue, end.toEpochMilli()) ? Instant.ofEpochMilli(from) : null;
    }

    /** When it stopped being open and overdue (completed or revoked); null while it still is or never was. */
    static Instant until(CaseState state) {
        Instant end = from(state) == null ? null : earliest(state.completedAt, state.revokedAt);
        return end == null ? null : Instant.ofEpochMilli(Math.max(Math.addExact(state.dueAt.toEpochMilli(), 1),
                end.toEpochMilli()));
    }

    /** {@code of(after) − of(before)}, rows of the same instant and dimensions netted, zero rows left out. */
    public static List<OverdueRow> change(CaseState before, CaseState after) {
        return CaseCounts.difference(of(after), of(before), OverdueRow::sameKey, (a, b) -> a.plus(-b.change),
                row -> row.change == 0);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
