package com.xiaoneng.dashboards;

import com.xiaoneng.regions.Regions;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * SQL fragments the panels share, so that one metric is defined once (docs/metrics.md).
 *
 * <p>Tables are named without a database: the datasource's default database is the job's one.
 * Periods are local (Asia/Shanghai) days, as the rollup and the query-side API count them: the picker's
 * instants ({@code $__fromTime}, {@code $__toTime}) are turned into local days rather than using
 * {@code $__dateFilter}, which formats the bounds as UTC dates and would start a Beijing day early.
 * Cases come from {@code case_facts FINAL} (one row per case, the newest version); the rollup is read
 * with the -Merge combinators, which are exact however often an event was delivered.
 */
final class Sql {
    static final String ZONE = "'Asia/Shanghai'";

    /** The local days of the picker's range, for the rollup's {@code day}. */
    static final String ROLLUP_DAYS = "day BETWEEN " + firstDay() + " AND " + lastDay();

    static final String PREFECTURE = "$__conditionalAll(handling_prefecture IN (${prefecture:singlequote}), $prefecture)";
    static final String AGENCY = "$__conditionalAll(agency_code IN (${agency:singlequote}), $agency)";

    /** Dimension filters on case_facts. */
    static final String FACTS_FILTER = PREFECTURE + "\n  AND " + AGENCY
            + "\n  AND $__conditionalAll(item_type IN (${item_type:singlequote}), $item_type)";

    /**
     * Dimension filters on tables that carry the item code only (rollup, alerts): the type is the item's.
     * GLOBAL IN because on a cluster both tables are Distributed, where a plain IN subquery is refused.
     */
    static final String CODE_FILTER = PREFECTURE + "\n  AND " + AGENCY
            + "\n  AND $__conditionalAll(item_code GLOBAL IN (SELECT item_code FROM case_facts"
            + " WHERE item_type IN (${item_type:singlequote})), $item_type)";

    /** Accepted, neither completed nor revoked, not suspended (its clock stops) and past its due instant. */
    static final String OPEN_OVERDUE = "accepted_at IS NOT NULL AND completed_at IS NULL AND revoked_at IS NULL"
            + " AND suspended = 0 AND due_at < now64(3)";

    static final String CROSS_REGION = "cross_region_mode IN ('WITHIN_REGION', 'CROSS_PROVINCE')";

    // rates are fractions (NULL when nothing was counted), shown as percent by the panels
    static final String ROLLUP_ON_TIME_RATE = "uniqExactMerge(completed_on_time) / nullIf(uniqExactMerge(completed), 0)";
    static final String ROLLUP_GOOD_RATE = "(" + ratingCount("rated_good") + ") / nullIf(" + ratingCount("rated") + ", 0)";
    static final String ROLLUP_CROSS_SHARE = "uniqExactMergeIf(submitted, " + CROSS_REGION + ")"
            + " / nullIf(uniqExactMerge(submitted), 0)";

    private Sql() {
    }

    /**
     * A rollup rating count without the default ratings a late-recorded real one superseded: they stay in
     * {@code rated}, {@code rated_good} and {@code rated_defaulted} (a default is 4) on their own day, and
     * {@code rated_superseded} holds them there (streaming migration V3). Not for neutral or bad.
     */
    static String ratingCount(String set) {
        return "uniqExactMerge(" + set + ") - uniqExactMerge(rated_superseded)";
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

    /** The rollup's {@code day} as a time-series timestamp. */
    static final String ROLLUP_TIME = "toDateTime(day, " + ZONE + ")";

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
