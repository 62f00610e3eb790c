package com.xiaoneng.dashboards;

import com.xiaoneng.clickhouse.CounterSql;
import com.xiaoneng.clickhouse.MetricSql;
import com.xiaoneng.regions.Regions;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * SQL fragments the panels share; the metrics themselves are {@link MetricSql}'s, as the query side's
 * (docs/metrics.md).
 *
 * <p>Tables are named without a database: the datasource's default database is the job's one.
 * Periods are local (Asia/Shanghai) days, as the counters and the query-side API count them: the picker's
 * instants ({@code $__fromTime}, {@code $__toTime}) are turned into local days rather than using
 * {@code $__dateFilter}, which formats the bounds as UTC dates and would start a Beijing day early.
 * Counts of the range are sums over {@code case_counts}; open overdue now the sum of
 * {@code case_overdue_changes} up to now; lists of cases come from {@code case_facts FINAL} (one row per case,
 * the newest version).
 */
final class Sql {
    static final String ZONE = "'" + MetricSql.LOCAL_ZONE + "'";
    static final String NOW = "now64(3)";

    static final String PREFECTURE = "$__conditionalAll(handling_prefecture IN (${prefecture:singlequote}), $prefecture)";
    static final String AGENCY = "$__conditionalAll(agency_code IN (${agency:singlequote}), $agency)";

    /** Dimension filters on case_facts. */
    static final String FACTS_FILTER = PREFECTURE + "\n  AND " + AGENCY
            + "\n  AND $__conditionalAll(item_type IN (${item_type:singlequote}), $item_type)";

    /**
     * Dimension filters on tables that carry the item code only (counters, alerts): the type is the item's.
     * GLOBAL IN because on a cluster both tables are Distributed, where a plain IN subquery is refused.
     */
    static final String CODE_FILTER = PREFECTURE + "\n  AND " + AGENCY
            + "\n  AND $__conditionalAll(item_code GLOBAL IN (SELECT item_code FROM case_facts"
            + " WHERE item_type IN (${item_type:singlequote})), $item_type)";

    /** Neither an agency nor an item type picked: case_counts_by_region has all a region-level panel needs. */
    private static final String NOTHING_PICKED = "($__conditionalAll(0, $agency)) AND ($__conditionalAll(0, $item_type))";

    private static final String DAYS = "day BETWEEN " + firstDay() + " AND " + lastDay();

    /**
     * The counters of the picker's range, filtered, for panels keyed by region, mode or day: the coarse
     * case_counts_by_region (some 48,000 rows a year for 5M cases) while neither an agency nor an item type is
     * picked, else case_counts. The branch not taken has a constant false condition and reads nothing.
     */
    static final String COUNTS_WHERE = "FROM " + regionCounts(DAYS);

    /** The counters of every day, filtered: states now that sums over all days give (unrectified bad ratings). */
    static String allDaysCounts() {
        return "FROM " + regionCounts("1");
    }

    /** Bad ratings unrectified past their limit now, of those given on the days {@code ratedDays} selects, filtered. */
    static String rectificationOverdue(String ratedDays) {
        return MetricSql.rectificationOverdue(NOW, MetricSql.RECTIFICATION_OVERDUE_CHANGES, ratedDays,
                CODE_FILTER.replace("\n", "\n    "));
    }

    /** The counters of the picker's range, filtered, for panels keyed by agency or item (case_counts). */
    static final String AGENCY_COUNTS_WHERE = "FROM " + MetricSql.COUNTS + "\nWHERE " + DAYS + "\n  AND " + CODE_FILTER;

    /** The number open overdue now per {@code key} ({@code ''}: one total; a region-level column), filtered. */
    static String openOverdueNow(String key) {
        return MetricSql.openOverdueBy(key, NOW, regionCounts("day < toDate(" + NOW + ", " + ZONE + ")"), "1",
                MetricSql.OVERDUE_CHANGES, CODE_FILTER);
    }

    /** The same for panels keyed by agency or item. */
    static String agencyOpenOverdueNow(String key) {
        return MetricSql.openOverdueBy(key, NOW, MetricSql.COUNTS, CODE_FILTER, MetricSql.OVERDUE_CHANGES, CODE_FILTER);
    }

    /** The number open overdue now, filtered, as one value. */
    static final String OPEN_OVERDUE_NOW = "(SELECT sum(open_overdue) FROM (" + openOverdueNow("''") + "))";

    /** The region-level columns of the counters on the days of {@code days}, from the coarse table when it will do. */
    private static String regionCounts(String days) {
        String columns = "day, " + String.join(", ", CounterSql.REGION_DIMENSIONS) + ", "
                + String.join(", ", CounterSql.columns());
        return "\n(\n    SELECT " + columns + "\n    FROM " + MetricSql.COUNTS_BY_REGION + "\n    WHERE " + days
                + "\n      AND " + PREFECTURE + "\n      AND " + NOTHING_PICKED + "\n    UNION ALL\n    SELECT " + columns
                + "\n    FROM " + MetricSql.COUNTS + "\n    WHERE " + days + "\n      AND "
                + CODE_FILTER.replace("\n", "\n    ") + "\n      AND NOT (" + NOTHING_PICKED + ")\n)";
    }

    /** A case open overdue now, case by case over case_facts (the lists). */
    static final String OPEN_OVERDUE = MetricSql.openOverdue(NOW);

    /** The counters' {@code day} as a time-series timestamp (midnight, Beijing time). */
    static final String COUNTS_TIME = "toDateTime(day, " + ZONE + ")";

    private Sql() {
    }

    static String firstDay() {
        return "toDate($__fromTime, " + ZONE + ")";
    }

    static String lastDay() {
        return "toDate($__toTime, " + ZONE + ")";
    }

    /** The instant column falls on a local day of the picker's range (false when NULL). */
    static String inRange(String instantColumn) {
        return "toDate(" + instantColumn + ", " + ZONE + ") BETWEEN " + firstDay() + " AND " + lastDay();
    }

    /** The local day of an instant column as a time-series timestamp (midnight, Beijing time). */
    static String localDay(String instantColumn) {
        return "toDateTime(toDate(assumeNotNull(" + instantColumn + "), " + ZONE + "), " + ZONE + ")";
    }

    /** Chinese name of a prefecture code column, the code itself when unknown (e.g. outside Xinjiang). */
    static String prefectureName(String codeExpression) {
        return transform(codeExpression, Regions.xinjiangPrefectures());
    }

    static String transform(String expression, Map<String, String> names) {
        String from = names.keySet().stream().map(Sql::quote).collect(Collectors.joining(", "));
        String to = names.values().stream().map(Sql::quote).collect(Collectors.joining(", "));
        return "transform(" + expression + ", [" + from + "], [" + to + "], " + expression + ")";
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
