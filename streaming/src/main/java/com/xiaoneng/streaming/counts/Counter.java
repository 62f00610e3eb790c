package com.xiaoneng.streaming.counts;

import com.xiaoneng.streaming.cases.CaseState;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The counters of {@code case_counts} (docs/metrics.md, "Counters"): each names the instant whose local day it
 * counts on and what one case adds to it. A case counts on at most a handful of days (submission, acceptance,
 * completion, rating, …); the job adds the difference between what a case counted before an event and after it,
 * so a counter is a plain sum that stays exact when a case changes (a default rating superseded, a revocation
 * reversed, a bad rating rectified). The same rules over a case_facts row are {@code CounterSql.RULES}, in the
 * same order (CounterTest).
 */
public enum Counter {
    SUBMITTED(s -> s.submittedAt, s -> 1),
    /** Of the cases submitted that day: completed since, and of them on time (the cross-region cohort). */
    SUBMITTED_COMPLETED(s -> s.submittedAt, s -> s.completedAt != null ? 1 : 0),
    SUBMITTED_ON_TIME(s -> s.submittedAt, s -> Boolean.TRUE.equals(s.onTime) ? 1 : 0),
    /** Working days to complete of the cases submitted that day, once completed (÷ SUBMITTED_COMPLETED: average). */
    SUBMITTED_WORKING_DAYS(s -> s.submittedAt, Counter::workingDays),
    ACCEPTED(s -> s.acceptedAt, s -> 1),
    NOT_ACCEPTED(s -> s.notAcceptedAt, s -> 1),
    /** Revocations in force: a reinstatement clears revokedAt, so the revocation stops counting. */
    REVOKED(s -> s.revokedAt, s -> 1),
    COMPLETED(s -> s.completedAt, s -> 1),
    COMPLETED_ON_TIME(s -> s.completedAt, s -> Boolean.TRUE.equals(s.onTime) ? 1 : 0),
    COMPLETED_WORKING_DAYS(s -> s.completedAt, Counter::workingDays),
    /** The rating in force: a superseded default counts no more, the real rating on its own day. */
    RATED(s -> s.ratedAt, s -> 1),
    RATED_GOOD(s -> s.ratedAt, s -> score(s) >= 4 ? 1 : 0),
    RATED_NEUTRAL(s -> s.ratedAt, s -> score(s) == 3 ? 1 : 0),
    RATED_BAD(s -> s.ratedAt, s -> bad(s) ? 1 : 0),
    RATED_DEFAULTED(s -> s.ratedAt, s -> Boolean.TRUE.equals(s.ratingDefaulted) ? 1 : 0),
    /** Score 5 (非常满意) and 1 (非常不满意): with good, neutral and bad, the distribution of the five scores. */
    RATED_VERY_GOOD(s -> s.ratedAt, s -> score(s) == 5 ? 1 : 0),
    RATED_VERY_BAD(s -> s.ratedAt, s -> score(s) == 1 ? 1 : 0),
    /** Of the bad ratings given that day: rectified since, and of them on time. */
    RATED_BAD_RECTIFIED(s -> s.ratedAt, s -> bad(s) && s.rectifiedAt != null ? 1 : 0),
    RATED_BAD_RECTIFIED_ON_TIME(s -> s.ratedAt, s -> bad(s) && Boolean.TRUE.equals(s.rectifiedOnTime) ? 1 : 0),
    RECTIFIED(s -> s.rectifiedAt, s -> 1),
    RECTIFIED_ON_TIME(s -> s.rectifiedAt, s -> Boolean.TRUE.equals(s.rectifiedOnTime) ? 1 : 0),
    /**
     * Open overdue by day (V6): the day it became open and overdue and the day it stopped ({@link OpenOverdue}), so
     * that the number open overdue at an instant is these netted over the days before it plus the same day's
     * case_overdue_changes up to the instant.
     */
    BECAME_OVERDUE(OpenOverdue::from, s -> 1),
    OVERDUE_ENDED(OpenOverdue::until, s -> 1);

    private final Function<CaseState, Instant> countsOn;
    private final ToLongFunction<CaseState> amount;

    Counter(Function<CaseState, Instant> countsOn, ToLongFunction<CaseState> amount) {
        this.countsOn = countsOn;
        this.amount = amount;
    }

    /** The instant whose local day this case counts on; null: it does not count (yet). */
    Instant countsOn(CaseState state) {
        return countsOn.apply(state);
    }

    long amount(CaseState state) {
        return amount.applyAsLong(state);
    }

    /** The column in case_counts. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static long workingDays(CaseState s) {
        return s.completedAt == null || s.workingDaysToComplete == null ? 0 : s.workingDaysToComplete;
    }

    private static int score(CaseState s) {
        return s.ratingScore == null ? 0 : s.ratingScore;
    }

    private static boolean bad(CaseState s) {
        return s.ratingScore != null && s.ratingScore <= 2;
    }
}
