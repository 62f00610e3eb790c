package com.xiaoneng.streaming.counts;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.streaming.cases.CaseState;

import java.util.ArrayList;
import java.util.List;

/**
 * Bad ratings unrectified past their rectification limit, as a running sum like {@link OpenOverdue}
 * (docs/metrics.md, "case_rectification_overdue_changes"): the bad rating in force (score 1-2) is overdue at
 * {@code asOf} when its limit lies before it and it was not rectified by then, so it adds +1 at the limit + 1 ms
 * and −1 when rectified late; one rectified in time adds nothing. Each row carries the rating's local day, so that
 * a panel counts the ratings given in its range.
 */
public final class RectificationOverdue {
    private RectificationOverdue() {
    }

    /** A case's changes: none, +1 past the limit, or +1 past the limit and −1 at the late rectification. */
    public static List<RectificationOverdueRow> of(CaseState state) {
        List<RectificationOverdueRow> rows = new ArrayList<>(2);
        if (state == null || state.submittedAt == null || state.ratingScore == null || state.ratingScore > 2
                || state.ratedAt == null || state.rectificationDueAt == null) {
            return rows;
        }
        long from = Math.addExact(state.rectificationDueAt.toEpochMilli(), 1);
        long until = state.rectifiedAt == null ? Long.MAX_VALUE : Math.max(from, state.rectifiedAt.toEpochMilli());
        if (until == from) {
            return rows;
        }
        int ratedDay = (int) WorkingDayCalendar.localDay(state.ratedAt).toEpochDay();
        CaseDimensions dimensions = CaseDimensions.of(state);
        rows.add(new RectificationOverdueRow(ratedDay, from, dimensions, 1));
        if (until != Long.MAX_VALUE) {
            rows.add(new RectificationOverdueRow(ratedDay, until, dimensions, -1));
        }
        return rows;
    }

    /** {@code of(after) − of(before)}, rows of the same key netted, zero rows left out. */
    public static List<RectificationOverdueRow> change(CaseState before, CaseState after) {
        return CaseCounts.difference(of(after), of(before), RectificationOverdueRow::sameKey,
                (a, b) -> a.plus(-b.change), row -> row.change == 0);
    }
}
