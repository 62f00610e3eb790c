package com.xiaoneng.clickhouse;

/**
 * The metrics' SQL (docs/metrics.md), written once for the query side, the dashboards and their tests. Period
 * counts are sums over {@code case_counts} or its coarser {@code case_counts_by_region} (read with {@code sum()},
 * no FINAL); open overdue at an instant ({@link #openOverdueBy}) the daily sums before its day plus
 * {@code case_overdue_changes} of its day; lists of cases come from {@code case_facts FINAL}, where
 * {@link #openOverdue} is the same condition case by case.
 */
public final class MetricSql {
    public static final String LOCAL_ZONE = "Asia/Shanghai";
    public static final String COUNTS = "case_counts";
    public static final String COUNTS_BY_REGION = "case_counts_by_region";
    public static final String OVERDUE_CHANGES = "case_overdue_changes";
    public static final String RECTIFICATION_OVERDUE_CHANGES = "case_rectification_overdue_changes";
    /** Bad ratings in force, of them not rectified: over all rating days of the counters, the number unrectified. */
    public static final String UNRECTIFIED_BAD = "sum(rated_bad) - sum(rated_bad_rectified)";

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

    /**
     * The number open overdue at {@code asOf} (a DateTime64 expression) per {@code key} (an expression over the
     * dimensions both sources have; {@code ''} for one total) as {@code key, open_overdue}: the counters' daily
     * {@code became_overdue − overdue_ended} of the local days before asOf's (from {@code counts}: case_counts,
     * case_counts_by_region or a subquery with their columns, filtered by {@code countsWhere}), plus
     * case_overdue_changes ({@code changes}, the table's name as the caller qualifies it) from that day's start up
     * to asOf (a range of its primary key, filtered by {@code changesWhere}). Groups with none left out. Equal to
     * counting case_facts with {@link #openOverdue}.
     */
    public static String openOverdueBy(String key, String asOf, String counts, String countsWhere, String changes,
                                       String changesWhere) {
        return "SELECT k AS key, sum(n) AS open_overdue FROM ("
                + "SELECT " + key + " AS k, sum(became_overdue) - sum(overdue_ended) AS n FROM " + counts
                + " WHERE day < toDate(" + asOf + ", '" + LOCAL_ZONE + "') AND " + countsWhere + " GROUP BY k"
                + " UNION ALL SELECT " + key + " AS k, sum(open_overdue) AS n FROM " + changes
                + " WHERE at >= toStartOfDay(" + asOf + ", '" + LOCAL_ZONE + "') AND at <= " + asOf + " AND "
                + changesWhere + " GROUP BY k) GROUP BY key HAVING open_overdue != 0";
    }

    /**
     * The bad ratings unrectified past their limit at {@code asOf} (a DateTime64 expression), of those given on the
     * rating days {@code ratedDays} selects, filtered by {@code where}: one number from
     * case_rectification_overdue_changes ({@code changes}, the table's name as the caller qualifies it).
     */
    public static String rectificationOverdue(String asOf, String changes, String ratedDays, String where) {
        return "(SELECT sum(rectification_overdue) FROM " + changes + " WHERE at <= " + asOf + " AND " + ratedDays
                + " AND " + where + ")";
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
