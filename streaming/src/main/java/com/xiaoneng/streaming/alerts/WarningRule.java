package com.xiaoneng.streaming.alerts;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.streaming.cases.CaseState;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * When an open case is warned about (docs/metrics.md, "Warnings").
 *
 * <p>Let A be the acceptance day, D the due day (the day whose 24:00 is {@code dueAt}, after
 * extensions and suspensions) and S the working days suspended so far. The allowed time is
 * {@code workingDaysBetween(A, D) - S} working days. At the start (00:00 Asia/Shanghai) of a working
 * day d the case has used {@code workingDaysBetween(A, d - 1) - S} of them and has
 * {@code workingDaysBetween(d - 1, D)} left (d included). YELLOW is due at 00:00 of the earliest
 * working day d in (A, D] where used ≥ {@code yellowRatio} × allowed or left ≤ {@code yellowDaysLeft};
 * failing that (an immediate item, D = A) at 00:00 of D, but never before acceptance. RED is due at
 * {@code dueAt}.
 */
public record WarningRule(double yellowRatio, int yellowDaysLeft) implements Serializable {
    public static final WarningRule DEFAULT = new WarningRule(0.9, 1);

    public WarningRule {
        if (yellowRatio <= 0 || yellowRatio > 1) {
            throw new IllegalArgumentException("yellowRatio must be in (0, 1], was " + yellowRatio);
        }
        if (yellowDaysLeft < 0) {
            throw new IllegalArgumentException("yellowDaysLeft must be >= 0, was " + yellowDaysLeft);
        }
    }

    public int allowedWorkingDays(CaseState state, WorkingDayCalendar calendar) {
        return Math.max(0, calendar.workingDaysBetween(acceptanceDay(state), dueDay(state)) - state.suspendedWorkingDays);
    }

    public Instant yellowAt(CaseState state, WorkingDayCalendar calendar) {
        LocalDate accepted = acceptanceDay(state);
        LocalDate due = dueDay(state);
        int total = calendar.workingDaysBetween(accepted, due);
        int allowed = Math.max(0, total - state.suspendedWorkingDays);
        int before = 0;
        for (LocalDate day = accepted.plusDays(1); !day.isAfter(due); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            int used = before - state.suspendedWorkingDays;
            int left = total - before;
            if (used >= yellowRatio * allowed - 1e-9 || left <= yellowDaysLeft) {
                return later(WorkingDayCalendar.endOf(day.minusDays(1)), state.acceptedAt);
            }
            before++;
        }
        // D = A (immediate item), or thresholds so loose that no day qualified: warn on the due day
        return later(WorkingDayCalendar.endOf(due.minusDays(1)), state.acceptedAt);
    }

    private static LocalDate acceptanceDay(CaseState state) {
        return WorkingDayCalendar.localDay(state.acceptedAt);
    }

    private static LocalDate dueDay(CaseState state) {
        return WorkingDayCalendar.dayEndingAt(state.dueAt);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
