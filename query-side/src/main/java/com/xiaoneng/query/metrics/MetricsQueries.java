package com.xiaoneng.query.metrics;

import com.xiaoneng.clickhouse.ClickHouseText;
import com.xiaoneng.clickhouse.MetricSql;
import com.xiaoneng.query.clickhouse.ClickHouseTables;
import com.xiaoneng.query.web.CaseFilter;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The GROUP BY queries behind the metrics (docs/metrics.md, "Query-side metrics"), in {@link MetricSql}'s terms:
 * counts of a period are sums over the counters (case_counts, or case_counts_by_region when neither the filter
 * nor the grouping needs agency, item or channel), one query per metric; open overdue at an instant the daily
 * sums before its day plus that day's case_overdue_changes, sent with the completions.
 */
@Component
class MetricsQueries {
    private final NamedParameterJdbcTemplate jdbc;
    private final ClickHouseTables tables;

    MetricsQueries(NamedParameterJdbcTemplate jdbc, ClickHouseTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /**
     * Completed, of them on time, and their working days, of the cases completed in the period, into
     * {@code completions}; and the cases open and overdue at {@code asOf} ({@link MetricSql#openOverdueBy}) by
     * {@code overdueGroupBy} (the period does not apply), into {@code overdue}. One round trip.
     */
    void compliance(CaseFilter filter, GroupBy groupBy, GroupBy overdueGroupBy, Instant asOf, Tally completions,
                    Tally overdue) {
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", ClickHouseText.instant(asOf));
        read(complianceSql(filter, groupBy, overdueGroupBy, params), params,
                column -> column.equals("open_overdue") ? overdue : completions);
    }

    /** Submitted cases of the period by cross-region mode, and of the cross-region ones: completed, on time. */
    void crossRegion(CaseFilter filter, GroupBy groupBy, Tally into) {
        Map<String, Object> params = new HashMap<>();
        read(crossRegionSql(filter, groupBy, params), params, column -> into);
    }

    /** Ratings given in the period, and of the bad ones: rectified so far, and on time. */
    void ratings(CaseFilter filter, GroupBy groupBy, Tally into) {
        Map<String, Object> params = new HashMap<>();
        read(ratingsSql(filter, groupBy, params), params, column -> into);
    }

    /*
     * The SQL each metric sends, with its bound parameters added to params: what docs/metrics.md shows
     * (DocumentedSqlTest holds the two to each other). Compliance is the completions and open overdue as one
     * UNION ALL, each part's columns zero in the other; open overdue wants the parameter asOf.
     */

    String complianceSql(CaseFilter filter, GroupBy groupBy, GroupBy overdueGroupBy, Map<String, Object> params) {
        String where = filter.where(params);
        String counts = countsSql(MetricSql.COMPLETED + " AS completed, " + MetricSql.COMPLETED_ON_TIME + " AS on_time, "
                + MetricSql.COMPLETED_WORKING_DAYS + " AS working_days", "completed", filter, groupBy, params);
        String openOverdue = MetricSql.openOverdueBy(overdueGroupBy.key("today()"), MetricSql.instantParameter("asOf"),
                byRegion(filter, overdueGroupBy) ? tables.countsByRegion() : tables.counts(), where,
                tables.overdueChanges(), where);
        return "SELECT key, completed, on_time, working_days, 0 AS open_overdue FROM (" + counts + ")"
                + " UNION ALL SELECT key, 0, 0, 0, open_overdue FROM (" + openOverdue + ")";
    }

    String crossRegionSql(CaseFilter filter, GroupBy groupBy, Map<String, Object> params) {
        // the alias must not be "submitted": it would shadow the column for the -If sums
        return countsSql(MetricSql.SUBMITTED + " AS submitted_cases, " + MetricSql.SUBMITTED_LOCAL + " AS local, "
                        + MetricSql.SUBMITTED_WITHIN_REGION + " AS within_region, "
                        + MetricSql.SUBMITTED_CROSS_PROVINCE + " AS cross_province, "
                        + MetricSql.CROSS_COMPLETED + " AS cross_completed, " + MetricSql.CROSS_ON_TIME + " AS cross_on_time",
                "submitted_cases", filter, groupBy, params);
    }

    String ratingsSql(CaseFilter filter, GroupBy groupBy, Map<String, Object> params) {
        return countsSql(MetricSql.RATED + " AS ratings, " + MetricSql.RATED_GOOD + " AS good, " + MetricSql.RATED_NEUTRAL
                        + " AS neutral, " + MetricSql.RATED_BAD + " AS bad, " + MetricSql.RATED_DEFAULTED + " AS defaulted, "
                        + MetricSql.RATED_BAD_RECTIFIED + " AS rectified, " + MetricSql.RATED_BAD_RECTIFIED_ON_TIME
                        + " AS rectified_on_time",
                "ratings", filter, groupBy, params);
    }

    /** Names by code for agency or item keys (the counters carry codes only). */
    Map<String, String> names(GroupBy groupBy, Collection<String> codes) {
        if (codes.isEmpty() || (groupBy != GroupBy.AGENCY && groupBy != GroupBy.ITEM)) {
            return Map.of();
        }
        String code = groupBy == GroupBy.AGENCY ? "agency_code" : "item_code";
        String name = groupBy == GroupBy.AGENCY ? "agency_name" : "item_name";
        Map<String, String> names = new HashMap<>();
        // any() skips NULL names; no other condition, so that the case_facts projections (V8) answer it
        jdbc.query("SELECT " + code + " AS code, any(" + name + ") AS name FROM " + tables.caseFacts()
                        + " WHERE " + code + " IN (:codes) GROUP BY code",
                Map.of("codes", codes), row -> {
                    names.put(row.getString("code"), row.getString("name"));
                });
        return names;
    }

    /**
     * A counters row holds every counter of its day and dimensions, so a group can have none of the cases counted
     * here: {@code nonZero} keeps only groups where that count is positive.
     */
    private String countsSql(String aggregates, String nonZero, CaseFilter filter, GroupBy groupBy,
                             Map<String, Object> params) {
        return "SELECT " + groupBy.key("day") + " AS key, " + aggregates
                + " FROM " + (byRegion(filter, groupBy) ? tables.countsByRegion() : tables.counts())
                + " WHERE " + filter.period("day", params) + " AND " + filter.where(params)
                + " GROUP BY key HAVING " + nonZero + " > 0";
    }

    /** case_counts_by_region keeps the handling region and cross-region mode only. */
    private static boolean byRegion(CaseFilter filter, GroupBy groupBy) {
        return filter.agency() == null && filter.itemCode() == null && filter.channel() == null
                && (groupBy == GroupBy.NONE || groupBy == GroupBy.REGION || groupBy == GroupBy.PREFECTURE
                || groupBy == GroupBy.MONTH);
    }

    /** Adds each row's counts under its key (the first column), each column into the tally {@code into} names. */
    private void read(String sql, Map<String, Object> params, Function<String, Tally> into) {
        jdbc.query(sql, params, row -> {
            ResultSetMetaData meta = row.getMetaData();
            String key = row.getString(1);
            for (int column = 2; column <= meta.getColumnCount(); column++) {
                String label = meta.getColumnLabel(column);
                into.apply(label).add(key, label, row.getLong(column));
            }
        });
    }
}
