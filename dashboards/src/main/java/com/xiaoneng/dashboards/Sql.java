package com.xiaoneng.dashboards;

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

    /** The counters of the picker's range, filtered. */
    static final String COUNTS_WHERE = "FROM " + MetricSql.COUNTS + "\nWHERE day BETWEEN " + firstDay() + " AND "
            + lastDay() + "\n  AND " + CODE_FILTER;

    /** The changes of open overdue up to now, filtered: their sum is the number open overdue now. */
    static final String OVERDUE_NOW_WHERE = "FROM " + MetricSql.OVERDUE_CHANGES + "\nWHERE "
            + MetricSql.changesUpTo(NOW) + "\n  AND " + CODE_FILTER;

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
