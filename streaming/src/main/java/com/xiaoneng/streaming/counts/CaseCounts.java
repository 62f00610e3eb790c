package com.xiaoneng.streaming.counts;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.streaming.cases.CaseState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

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
        return difference(of(after), of(before), CountRow::sameKey, (a, b) -> CountRow.plus(a, b, -1),
                CountRow::isZero);
    }

    /**
     * {@code after − before} for rows that add up by key: each row of {@code before} taken off the row of the same
     * key in {@code after} (or added negated), rows that come to zero left out.
     */
    static <R> List<R> difference(List<R> after, List<R> before, BiPredicate<R, R> sameKey, BinaryOperator<R> minus,
                                  Predicate<R> isZero) {
        List<R> change = new ArrayList<>(after);
        for (R old : before) {
            int i = 0;
            while (i < change.size() && !sameKey.test(change.get(i), old)) {
                i++;
            }
            if (i == change.size()) {
                // (old − old) − old: the row negated, under its own key
                change.add(minus.apply(minus.apply(old, old), old));
            } else {
                change.set(i, minus.apply(change.get(i), old));
            }
        }
        change.removeIf(isZero);
        return change;
    }
}
