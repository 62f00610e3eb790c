package com.xiaoneng.streaming.counts;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.streaming.cases.CaseState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a case adds to the counters ({@link Counter}), and what an event changes in that. */
public final class CaseCounts {
    private CaseCounts() {
    }

    /** A case's contribution: one row per local day it counts on, under the case's dimensions. */
    public static List<CountRow> of(CaseState state) {
        List<CountRow> rows = new ArrayList<>(4);
        if (state == null || state.submittedAt == null) {
            // dimensions unknown until CaseSubmitted: nothing counts before it (the job holds later events)
            return rows;
        }
        CaseDimensions dimensions = CaseDimensions.of(state);
        for (Counter counter : Counter.values()) {
            Instant on = counter.countsOn(state);
            long amount = on == null ? 0 : counter.amount(state);
            if (amount == 0) {
                continue;
            }
            int day = (int) WorkingDayCalendar.localDay(on).toEpochDay();
            CountRow row = rows.stream().filter(r -> r.day == day).findFirst().orElse(null);
            if (row == null) {
                row = new CountRow(day, dimensions);
                rows.add(row);
            }
            row.counts[counter.ordinal()] += amount;
        }
        return rows;
    }

    /** {@code of(after) − of(before)}, rows of the same day and dimensions netted, zero rows left out. */
    public static List<CountRow> change(CaseState before, CaseState after) {
        List<CountRow> change = new ArrayList<>(of(after));
        for (CountRow old : of(before)) {
            int i = indexOf(change, old);
            if (i < 0) {
                change.add(CountRow.plus(new CountRow(old.day, old), old, -1));
            } else {
                change.set(i, CountRow.plus(change.get(i), old, -1));
            }
        }
        change.removeIf(CountRow::isZero);
        return change;
    }

    private static int indexOf(List<CountRow> rows, CountRow key) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).sameKey(key)) {
                return i;
            }
        }
        return -1;
    }
}
