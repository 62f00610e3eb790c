package com.xiaoneng.query.metrics;

import com.xiaoneng.query.clickhouse.ClickHouseTables;
import com.xiaoneng.query.web.CaseFilter;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The GROUP BY queries behind the metrics (docs/metrics.md, "Query-side metrics"). Counts of events
 * that happen once in a case's life come from case_daily_rollup (exact, and thousands of rows instead
 * of millions); states at an instant and cohorts ("of the cases rated in the period, rectified")
 * from case_facts FINAL.
 */
@Component
class MetricsQueries {
    static final String LOCAL_ZONE = "Asia/Shanghai";
    private static final DateTimeFormatter CLICKHOUSE_INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final NamedParameterJdbcTemplate jdbc;
    private final ClickHouseTables tables;

    MetricsQueries(NamedParameterJdbcTemplate jdbc, ClickHouseTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /**
     * Completed and on time (rollup), and working days (case_facts) of the cases completed in the period.
     * The rollup's per-case maxMap of working days gives the same sum but merging millions of map
     * entries took 12 s for a year of 10M cases, against 0.2 s from case_facts (docs/BENCHMARKS.md).
     */
    void completions(CaseFilter filter, GroupBy groupBy, Tally into) {
        rollup("uniqExactMerge(completed) AS completed, uniqExactMerge(completed_on_time) AS on_time",
                "completed", filter, groupBy, into);
        facts("sum(working_days_to_complete) AS working_days", "completed_at", "1", filter, groupBy, into);
    }

    /** Submitted cases of the period by cross-region mode. */
    void submissions(CaseFilter filter, GroupBy groupBy, Tally into) {
        // the alias must not be "submitted": it would shadow the column for the -MergeIf calls
        rollup("uniqExactMerge(submitted) AS submitted_cases,"
                + " uniqExactMergeIf(submitted, cross_region_mode = 'LOCAL') AS local,"
                + " uniqExactMergeIf(submitted, cross_region_mode = 'WITHIN_REGION') AS within_region,"
                + " uniqExactMergeIf(submitted, cross_region_mode = 'CROSS_PROVINCE') AS cross_province",
                "submitted_cases", filter, groupBy, into);
    }

    /**
     * Ratings given in the period, and of the bad ones, rectified so far and on time: one case_facts
     * query (a case is rated once). Five rollup set merges took 5.5 s for a year of 10M cases.
     */
    void ratings(CaseFilter filter, GroupBy groupBy, Tally into) {
        facts("count() AS ratings, countIf(rating_score >= 4) AS good, countIf(rating_score = 3) AS neutral,"
                + " countIf(rating_score <= 2) AS bad, countIf(rating_defaulted = 1) AS defaulted,"
                + " countIf(rating_score <= 2 AND rectified_at IS NOT NULL) AS rectified,"
                + " countIf(rating_score <= 2 AND rectified_on_time = 1) AS rectified_on_time",
                "rated_at", "1", filter, groupBy, into);
    }

    /** Of the cross-region cases submitted in the period: completed so far, and of them on time. */
    void crossRegionCompletions(CaseFilter filter, GroupBy groupBy, Tally into) {
        facts("countIf(completed_at IS NOT NULL) AS cross_completed, countIf(on_time = 1) AS cross_on_time",
                "submitted_at", "cross_region_mode IN ('WITHIN_REGION', 'CROSS_PROVINCE')", filter, groupBy, into);
    }

    /**
     * Cases open and overdue at {@code asOf}: accepted by then, not completed or revoked by then, not
     * suspended (the clock stops), and due before it. The period does not apply: this is a state.
     */
    void openOverdue(CaseFilter filter, GroupBy groupBy, Instant asOf, Tally into) {
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", CLICKHOUSE_INSTANT.format(asOf));
        String sql = "SELECT " + groupBy.key("today()") + " AS key, count() AS open_overdue"
                + " FROM " + tables.caseFacts() + " FINAL"
                + " WHERE accepted_at <= toDateTime64(:asOf, 3, 'UTC')"
                + " AND (completed_at IS NULL OR completed_at > toDateTime64(:asOf, 3, 'UTC'))"
                + " AND (revoked_at IS NULL OR revoked_at > toDateTime64(:asOf, 3, 'UTC'))"
                + " AND suspended = 0 AND due_at < toDateTime64(:asOf, 3, 'UTC')"
                + " AND " + filter.where(params)
                + " GROUP BY key";
        read(sql, params, into);
    }

    /** Names by code for agency or item keys (the rollup carries codes only). */
    Map<String, String> names(GroupBy groupBy, Collection<String> codes) {
        if (codes.isEmpty() || (groupBy != GroupBy.AGENCY && groupBy != GroupBy.ITEM)) {
            return Map.of();
        }
        String code = groupBy == GroupBy.AGENCY ? "agency_code" : "item_code";
        String name = groupBy == GroupBy.AGENCY ? "agency_name" : "item_name";
        Map<String, String> names = new HashMap<>();
        jdbc.query("SELECT " + code + " AS code, any(" + name + ") AS name FROM " + tables.caseFacts()
                        + " WHERE " + code + " IN (:codes) AND " + name + " IS NOT NULL GROUP BY code",
                Map.of("codes", codes), row -> {
                    names.put(row.getString("code"), row.getString("name"));
                });
        return names;
    }

    /**
     * A rollup row holds every kind of event of its day and dimensions, so a group can have none of
     * the events counted here: {@code nonZero} keeps only groups where that count is positive.
     */
    private void rollup(String aggregates, String nonZero, CaseFilter filter, GroupBy groupBy, Tally into) {
        Map<String, Object> params = new HashMap<>();
        String sql = "SELECT " + groupBy.key("day") + " AS key, " + aggregates
                + " FROM " + tables.dailyRollup()
                + " WHERE " + filter.period("day", params) + " AND " + filter.where(params)
                + " GROUP BY key HAVING " + nonZero + " > 0";
        read(sql, params, into);
    }

    private void facts(String aggregates, String instantColumn, String condition, CaseFilter filter, GroupBy groupBy,
                       Tally into) {
        Map<String, Object> params = new HashMap<>();
        String day = "toDate(" + instantColumn + ", '" + LOCAL_ZONE + "')";
        String sql = "SELECT " + groupBy.key(day) + " AS key, " + aggregates
                + " FROM " + tables.caseFacts() + " FINAL"
                + " WHERE " + instantColumn + " IS NOT NULL AND " + condition
                + " AND " + filter.period(day, params) + " AND " + filter.where(params)
                + " GROUP BY key";
        read(sql, params, into);
    }

    private void read(String sql, Map<String, Object> params, Tally into) {
        jdbc.query(sql, params, row -> {
            ResultSetMetaData meta = row.getMetaData();
            String key = row.getString(1);
            for (int column = 2; column <= meta.getColumnCount(); column++) {
                into.add(key, meta.getColumnLabel(column), row.getLong(column));
            }
        });
    }
}
