package com.xiaoneng.command.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.Bounds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The configurable parts of the regulation's rules, injected into the aggregate's handlers.
 *
 * @param defaultRatingDays   working days after completion before the default 满意 (4) is given; 0 turns it off
 * @param rectificationDays   working days allowed to verify and rectify a bad rating
 * @param bounds              the contract's limits on business times, texts and days (docs/events.md)
 * @param lateFactGrace       an automatic step whose deadline already passed when it is scheduled (history
 *                            recorded late) waits this long, so that the real fact recorded next can come first
 */
public record CaseRules(Clock clock, WorkingDayCalendar calendar, int defaultRatingDays, int rectificationDays,
                        Bounds bounds, Duration lateFactGrace) {

    public static final int DEFAULT_RATING_SCORE = 4;

    public boolean defaultRatingEnabled() {
        return defaultRatingDays > 0;
    }

    public Instant now() {
        return clock.instant();
    }

    /** When to decide an automatic step due at {@code deadline}. */
    public Instant decideAutomaticStepAt(Instant deadline) {
        if (lateFactGrace.isZero()) {
            return deadline;
        }
        Instant earliest = now().plus(lateFactGrace);
        return deadline.isBefore(earliest) ? earliest : deadline;
    }
}
