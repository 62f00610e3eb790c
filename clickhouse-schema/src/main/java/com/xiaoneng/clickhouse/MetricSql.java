package com.xiaoneng.clickhouse;

/**
 * The metrics' SQL (docs/metrics.md), written once for the query side, the dashboards and their tests. Period
 * counts are sums over {@code case_counts} or its coarser {@code case_counts_by_region} (read with {@code sum()},
 * no FINAL); open overdue at an instant is the sum of {@code case_overdue_changes} up to it; lists of cases come
 * from {@code case_facts FINAL}, where {@link #openOverdue} is the same condition case by case.
 */
public final class MetricSql {
    public static final String LOCAL_ZONE = "Asia/Shanghai";
    public static final String COUNTS = "case_counts";
    public static final String COUNTS_BY_REGION = "case_counts_by_region";
    public static final String OVERDUE_CHANGES = "case_overdue_changes";

    public static final String CROSS_REGION = "cross_region_mode IN ('WITHIN_REGION', 'CROSS_PROVINCE')";

    public static final String SUBMITTED = "sum(submitted)";
    public static final String SUBMITTED_LOCAL = submittedIn("LOCAL");
    public static final String SUBMITTED_WITHIN_REGION = submittedIn("WITHIN_REGION");
    public static final String SUBMITTED_CROSS_PROVINCE = submittedIn("CROSS_PROVINCE");
    public static final String SUBMITTED_CROSS_REGION = "sumIf(submitted, " + CROSS_REGION + ")";
    /** Of the cross-region cases submitted in the period: completed so far, and of them on time. */
    public static final String CROSS_COMPLETED = "sumIf(submitted_completed, " + CROSS_REGION + ")";
    public static final String CROSS_ON_TIME = "sumIf(submitted_on_time, " + CROSS_REGION + ")";

    public static final String COMPLETED = "sum(completed)";
    public static final String COMPLETED_ON_TIME = "sum(completed_on_time)";
    public static final String COMPLETED_WORKING_DAYS = "sum(completed_working_days)";

    public static final String RATED = "sum(rated)";
    public static final String RATED_GOOD = "sum(rated_good)";
    public static final String RATED_NEUTRAL = "sum(rated_neutral)";
    public static final String RATED_BAD = "sum(rated_bad)";
    public static final String RATED_DEFAULTED = "sum(rated_defaulted)";
    /** Scores 5 and 1: with good (4-5), neutral (3) and bad (1-2), the five scores' distribution. */
    public static final String RATED_VERY_GOOD = "sum(rated_very_good)";
    public static final String RATED_VERY_BAD = "sum(rated_very_bad)";
    /** Of the bad ratings given in the period: rectified so far, and of them within the limit. */
    public static final String RATED_BAD_RECTIFIED = "sum(rated_bad_rectified)";
    public static final String RATED_BAD_RECTIFIED_ON_TIME = "sum(rated_bad_rectified_on_time)";

    /** Open overdue at an instant, over case_overdue_changes restricted by {@link #changesUpTo}. */
    public static final String OPEN_OVERDUE_AT = "sum(open_overdue)";

    // rates for the panels (the API computes its decimals from the counts): NULL when nothing was counted
    public static final String ON_TIME_RATE = rate(COMPLETED_ON_TIME, COMPLETED);
    public static final String GOOD_RATE = rate(RATED_GOOD, RATED);
    public static final String CROSS_SHARE = rate(SUBMITTED_CROSS_REGION, SUBMITTED);

    private MetricSql() {
    }

    /**
     * A case open and overdue at {@code asOf} (a DateTime64 expression), over case_facts: accepted by then,
     * neither completed nor revoked by then, not suspended (the clock stops) and due before it.
     */
    public static String openOverdue(String asOf) {
        return "accepted_at <= " + asOf
                + " AND (completed_at IS NULL OR completed_at > " + asOf + ")"
                + " AND (revoked_at IS NULL OR revoked_at > " + asOf + ")"
                + " AND suspended = 0 AND due_at < " + asOf;
    }

    /** The case_overdue_changes rows up to {@code asOf} (a DateTime64 expression): their sum is open overdue then. */
    public static String changesUpTo(String asOf) {
        return "at <= " + asOf;
    }

    /** A bound parameter holding {@link ClickHouseText#instant} text, as a DateTime64 in UTC. */
    public static String instantParameter(String name) {
        return "toDateTime64(:" + name + ", 3, 'UTC')";
    }

    public static String rate(String numerator, String denominator) {
        return "(" + numerator + ") / nullIf(" + denominator + ", 0)";
    }

    private static String submittedIn(String mode) {
        return "sumIf(submitted, cross_region_mode = '" + mode + "')";
    }
}
