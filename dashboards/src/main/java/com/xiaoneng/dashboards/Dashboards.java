package com.xiaoneng.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xiaoneng.clickhouse.MetricSql;
import com.xiaoneng.dashboards.Grafana.Column;
import com.xiaoneng.dashboards.Grafana.Panel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.xiaoneng.clickhouse.MetricSql.COMPLETED;
import static com.xiaoneng.clickhouse.MetricSql.COMPLETED_ON_TIME;
import static com.xiaoneng.clickhouse.MetricSql.COMPLETED_WORKING_DAYS;
import static com.xiaoneng.clickhouse.MetricSql.CROSS_COMPLETED;
import static com.xiaoneng.clickhouse.MetricSql.CROSS_ON_TIME;
import static com.xiaoneng.clickhouse.MetricSql.CROSS_REGION;
import static com.xiaoneng.clickhouse.MetricSql.CROSS_SHARE;
import static com.xiaoneng.clickhouse.MetricSql.GOOD_RATE;
import static com.xiaoneng.clickhouse.MetricSql.ON_TIME_RATE;
import static com.xiaoneng.clickhouse.MetricSql.RATED;
import static com.xiaoneng.clickhouse.MetricSql.RATED_BAD;
import static com.xiaoneng.clickhouse.MetricSql.RATED_BAD_RECTIFIED;
import static com.xiaoneng.clickhouse.MetricSql.RATED_BAD_RECTIFIED_ON_TIME;
import static com.xiaoneng.clickhouse.MetricSql.RATED_DEFAULTED;
import static com.xiaoneng.clickhouse.MetricSql.RATED_GOOD;
import static com.xiaoneng.clickhouse.MetricSql.RATED_NEUTRAL;
import static com.xiaoneng.clickhouse.MetricSql.RATED_VERY_BAD;
import static com.xiaoneng.clickhouse.MetricSql.RATED_VERY_GOOD;
import static com.xiaoneng.clickhouse.MetricSql.SUBMITTED;
import static com.xiaoneng.clickhouse.MetricSql.SUBMITTED_CROSS_PROVINCE;
import static com.xiaoneng.clickhouse.MetricSql.SUBMITTED_LOCAL;
import static com.xiaoneng.clickhouse.MetricSql.SUBMITTED_WITHIN_REGION;
import static com.xiaoneng.clickhouse.MetricSql.rate;
import static com.xiaoneng.dashboards.Grafana.Kind.BARCHART;
import static com.xiaoneng.dashboards.Grafana.Kind.STAT;
import static com.xiaoneng.dashboards.Grafana.Kind.TABLE;
import static com.xiaoneng.dashboards.Grafana.Kind.TIMESERIES;
import static com.xiaoneng.dashboards.Sql.CODE_FILTER;
import static com.xiaoneng.dashboards.Sql.COUNTS_TIME;
import static com.xiaoneng.dashboards.Sql.AGENCY_COUNTS_WHERE;
import static com.xiaoneng.dashboards.Sql.COUNTS_WHERE;
import static com.xiaoneng.dashboards.Sql.FACTS_FILTER;
import static com.xiaoneng.dashboards.Sql.OPEN_OVERDUE;
import static com.xiaoneng.dashboards.Sql.OPEN_OVERDUE_NOW;
import static com.xiaoneng.dashboards.Sql.inRange;
import static com.xiaoneng.dashboards.Sql.prefectureName;

/** The five dashboards, by file name. Metrics as in docs/metrics.md, from {@link com.xiaoneng.clickhouse.MetricSql}. */
final class Dashboards {
    private static final Map<String, String> MODE_NAMES = new LinkedHashMap<>();

    static {
        MODE_NAMES.put("LOCAL", "本地办理");
        MODE_NAMES.put("WITHIN_REGION", "疆内通办");
        MODE_NAMES.put("CROSS_PROVINCE", "跨省通办");
    }

    private Dashboards() {
    }

    static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> dashboards = new LinkedHashMap<>();
        dashboards.put("01-overview.json", overview());
        dashboards.put("02-compliance.json", compliance());
        dashboards.put("03-cross-region.json", crossRegion());
        dashboards.put("04-ratings.json", ratings());
        dashboards.put("05-audit.json", audit());
        return dashboards;
    }

    static ObjectNode overview() {
        List<Panel> panels = List.of(
                Panel.of(STAT, "按时办结率", "On-time rate: of the cases completed in the range, the share completed"
                                + " at or before their due instant (case_counts).",
                        "SELECT " + ON_TIME_RATE + " AS on_time_rate\n" + COUNTS_WHERE, 5, 5,
                        Column.percent("on_time_rate", "按时办结率")),
                Panel.of(STAT, "超期未办结", "Open overdue now: accepted cases neither completed nor revoked, not"
                                + " suspended, past their due instant. A state at the current time; the range does"
                                + " not apply.",
                        "SELECT " + OPEN_OVERDUE_NOW + " AS open_overdue", 4, 5,
                        Column.count("open_overdue", "超期未办结")),
                Panel.of(STAT, "好评率", "Good-rating rate: of the ratings given in the range, the share rated 4-5"
                                + " (defaulted ratings count as 4).",
                        "SELECT " + GOOD_RATE + " AS good_rate\n" + COUNTS_WHERE, 5, 5,
                        Column.percent("good_rate", "好评率")),
                Panel.of(STAT, "跨域通办占比", "Cross-region share: of the cases submitted in the range, the share"
                                + " handled within the region (疆内通办) or across provinces (跨省通办).",
                        "SELECT " + CROSS_SHARE + " AS cross_share\n" + COUNTS_WHERE, 5, 5,
                        Column.percent("cross_share", "跨域通办占比")),
                Panel.of(STAT, "办件量", "Cases submitted and completed in the range.",
                        "SELECT " + SUBMITTED + " AS submitted_cases,\n"
                                + "       " + COMPLETED + " AS completed_cases\n" + COUNTS_WHERE, 5, 5,
                        Column.count("submitted_cases", "申请量"), Column.count("completed_cases", "办结量")),
                Panel.of(TIMESERIES, "每日比率趋势", "Daily on-time rate, good-rating rate and cross-region share"
                                + " (local days).",
                        "SELECT " + COUNTS_TIME + " AS time,\n"
                                + "       " + ON_TIME_RATE + " AS on_time_rate,\n"
                                + "       " + GOOD_RATE + " AS good_rate,\n"
                                + "       " + CROSS_SHARE + " AS cross_share\n"
                                + COUNTS_WHERE + "\nGROUP BY day\nORDER BY day", 12, 9,
                        Column.percent("on_time_rate", "按时办结率"), Column.percent("good_rate", "好评率"),
                        Column.percent("cross_share", "跨域通办占比")),
                Panel.of(TIMESERIES, "每日办件量", "Cases submitted and completed per local day.",
                        "SELECT " + COUNTS_TIME + " AS time,\n"
                                + "       " + SUBMITTED + " AS submitted_cases,\n"
                                + "       " + COMPLETED + " AS completed_cases\n"
                                + COUNTS_WHERE + "\nGROUP BY day\nORDER BY day", 12, 9,
                        Column.count("submitted_cases", "申请量"), Column.count("completed_cases", "办结量")),
                Panel.of(TABLE, "地州市排名", "Ranking of prefectures by on-time rate in the range, with their"
                                + " volumes, good-rating rate, cross-region share and cases open overdue now.",
                        "SELECT k AS prefecture_code,\n"
                                + "       " + prefectureName("prefecture_code") + " AS prefecture,\n"
                                + "       submitted_cases, completed_cases, on_time_rate, good_rate, cross_share,"
                                + " open_overdue\n"
                                + "FROM\n" + byKey("handling_prefecture", "           " + SUBMITTED + " AS submitted_cases,\n"
                                + "           " + COMPLETED + " AS completed_cases,\n"
                                + "           " + ON_TIME_RATE + " AS on_time_rate,\n"
                                + "           " + GOOD_RATE + " AS good_rate,\n"
                                + "           " + CROSS_SHARE + " AS cross_share", "1")
                                + "\nORDER BY on_time_rate DESC NULLS LAST, completed_cases DESC, prefecture_code", 24, 12,
                        Column.text("prefecture_code", "区划代码"), Column.text("prefecture", "地州市"),
                        Column.count("submitted_cases", "申请量"), Column.count("completed_cases", "办结量"),
                        Column.percent("on_time_rate", "按时办结率"), Column.percent("good_rate", "好评率"),
                        Column.percent("cross_share", "跨域通办占比"), Column.count("open_overdue", "超期未办结")));
        return Grafana.dashboard("xiaoneng-overview", "效能 · 领导总览",
                "Leader overview: headline on-time, overdue, rating and cross-region figures and the prefecture"
                        + " ranking.", Grafana.filterVariables(), panels);
    }

    /**
     * The counters of the range grouped by {@code key} (a dimension of both tables) as {@code k}, groups where
     * {@code having} holds, beside the number open overdue now of each group: groups with either. A prefecture key
     * can use the coarse case_counts_by_region; any other key (agency, item) needs case_counts.
     */
    private static String byKey(String key, String aggregates, String having) {
        boolean agencyLevel = !key.equals("handling_prefecture");
        return "(\n    SELECT " + key + " AS k,\n" + aggregates + "\n"
                + "    " + (agencyLevel ? AGENCY_COUNTS_WHERE : COUNTS_WHERE).replace("\n", "\n    ") + "\n"
                + "    GROUP BY k\n    HAVING " + having + "\n) AS period\n"
                + "FULL OUTER JOIN\n(\n"
                + "    SELECT key AS k, open_overdue FROM ("
                + (agencyLevel ? Sql.agencyOpenOverdueNow(key) : Sql.openOverdueNow(key)) + ")\n) AS overdue USING (k)";
    }

    /** Names of agency or item codes from case_facts (the counters carry codes only), joined on {@code k}. */
    private static String names(String code, String columns) {
        return "\nLEFT JOIN\n(\n    SELECT assumeNotNull(" + code + ") AS k, " + columns + "\n"
                + "    FROM case_facts\n    WHERE " + code + " IS NOT NULL\n    GROUP BY k\n) AS names USING (k)";
    }

    private static final String COMPLETIONS = "           " + COMPLETED + " AS completed_cases,\n"
            + "           " + COMPLETED_ON_TIME + " AS on_time_cases,\n"
            + "           " + COMPLETED_WORKING_DAYS + " AS working_days";

    /** Completion rates of {@link #COMPLETIONS} and open overdue, after the join. */
    private static final String COMPLIANCE = "       completed_cases, on_time_cases,"
            + " completed_cases - on_time_cases AS late_cases,\n"
            + "       " + rate("on_time_cases", "completed_cases") + " AS on_time_rate,\n"
            + "       " + rate("working_days", "completed_cases") + " AS avg_working_days,\n"
            + "       open_overdue\n";

    private static List<Column> complianceColumns(Column... keys) {
        List<Column> columns = new ArrayList<>(List.of(keys));
        columns.addAll(List.of(Column.count("completed_cases", "办结量"), Column.count("on_time_cases", "按时办结"),
                Column.count("late_cases", "逾期办结"), Column.percent("on_time_rate", "按时办结率"),
                new Column("avg_working_days", "平均办理工作日", "none"), Column.count("open_overdue", "超期未办结")));
        return columns;
    }

    private static Panel complianceTable(String title, String description, String keys, String key, String names,
                                         Column... keyColumns) {
        return new Panel(TABLE, title, description,
                "SELECT " + keys + ",\n" + COMPLIANCE + "FROM\n" + byKey(key, COMPLETIONS, "completed_cases > 0")
                        + names + "\nORDER BY on_time_rate ASC NULLS LAST, open_overdue DESC", 24, 10,
                complianceColumns(keyColumns));
    }

    static ObjectNode compliance() {
        String tableNote = " Completions are those in the range (completed_at, local days); open overdue is the"
                + " state now.";
        List<Panel> panels = List.of(
                Panel.of(STAT, "办结时效概况", "Cases completed in the range (by completed_at), of them on time"
                                + " and late, the on-time rate, and cases open overdue now.",
                        "SELECT\n" + COMPLIANCE.replace("open_overdue\n", OPEN_OVERDUE_NOW + " AS open_overdue\n")
                                + "FROM\n(\n    SELECT\n" + COMPLETIONS + "\n    "
                                + COUNTS_WHERE.replace("\n", "\n    ") + "\n)", 24, 5,
                        complianceColumns().toArray(Column[]::new)),
                complianceTable("按地州市", "Deadline compliance by prefecture." + tableNote,
                        "k AS prefecture_code,\n       " + prefectureName("prefecture_code") + " AS prefecture",
                        "handling_prefecture", "",
                        Column.text("prefecture_code", "区划代码"), Column.text("prefecture", "地州市")),
                complianceTable("按实施机构", "Deadline compliance by implementing agency." + tableNote,
                        "k AS agency_id, agency", "agency_code", names("agency_code", "any(agency_name) AS agency"),
                        Column.text("agency_id", "机构代码"), Column.text("agency", "实施机构")),
                complianceTable("按事项", "Deadline compliance by service item." + tableNote,
                        "k AS item_id, item,\n       " + Sql.transform("toString(item_type_code)", Grafana.ITEM_TYPE_NAMES)
                                + " AS item_kind",
                        "item_code", names("item_code", "any(item_name) AS item, any(item_type) AS item_type_code"),
                        Column.text("item_id", "事项编码"), Column.text("item", "事项名称"),
                        Column.text("item_kind", "事项类型")),
                Panel.of(TIMESERIES, "黄牌/红牌预警", "Supervision warnings raised over time: YELLOW (near the"
                                + " due date) and RED (past due), by the rule's threshold instant warn_at.",
                        "SELECT $__timeInterval(warn_at) AS time,\n"
                                + "       countIf(level = 'YELLOW') AS yellow_warnings,\n"
                                + "       countIf(level = 'RED') AS red_warnings\n"
                                + "FROM case_alerts FINAL\n"
                                + "WHERE $__timeFilter(warn_at)\n  AND " + CODE_FILTER
                                + "\nGROUP BY time\nORDER BY time", 12, 9,
                        Column.count("yellow_warnings", "黄牌预警（即将超期）"),
                        Column.count("red_warnings", "红牌预警（超期）")),
                Panel.of(TIMESERIES, "每日按时/逾期办结", "Completions per local day, on time and late.",
                        "SELECT " + COUNTS_TIME + " AS time,\n"
                                + "       " + COMPLETED_ON_TIME + " AS on_time_cases,\n"
                                + "       " + COMPLETED + " - on_time_cases AS late_cases\n"
                                + COUNTS_WHERE + "\nGROUP BY day\nHAVING " + COMPLETED + " > 0\nORDER BY day", 12, 9,
                        Column.count("on_time_cases", "按时办结"), Column.count("late_cases", "逾期办结")));
        return Grafana.dashboard("xiaoneng-compliance", "效能 · 办结时效",
                "Deadline compliance by prefecture, agency and item; late and open-overdue cases; warnings.",
                Grafana.filterVariables(), panels);
    }

    static ObjectNode crossRegion() {
        String modes = SUBMITTED_LOCAL + " AS local_cases,\n"
                + "       " + SUBMITTED_WITHIN_REGION + " AS within_region_cases,\n"
                + "       " + SUBMITTED_CROSS_PROVINCE + " AS cross_province_cases";
        String shares = rate(SUBMITTED_WITHIN_REGION, SUBMITTED) + " AS within_region_share,\n"
                + "       " + rate(SUBMITTED_CROSS_PROVINCE, SUBMITTED) + " AS cross_province_share";
        Column within = Column.count("within_region_cases", "疆内通办");
        Column crossProvince = Column.count("cross_province_cases", "跨省通办");
        List<Panel> panels = List.of(
                Panel.of(STAT, "通办办件量", "Cases submitted in the range (by submitted_at), of them handled"
                                + " within the region (疆内通办) and across provinces (跨省通办).",
                        "SELECT " + SUBMITTED + " AS submitted_cases,\n       " + modes + "\n"
                                + COUNTS_WHERE, 12, 5,
                        Column.count("submitted_cases", "申请量"), within, crossProvince),
                Panel.of(STAT, "通办占比", "Shares of the cases submitted in the range: cross-region (both kinds),"
                                + " within the region, across provinces.",
                        "SELECT " + CROSS_SHARE + " AS cross_share,\n       " + shares + "\n"
                                + COUNTS_WHERE, 12, 5,
                        Column.percent("cross_share", "跨域通办占比"),
                        Column.percent("within_region_share", "疆内通办占比"),
                        Column.percent("cross_province_share", "跨省通办占比")),
                Panel.of(TIMESERIES, "每日通办量", "Cases submitted per local day by cross-region mode.",
                        "SELECT " + COUNTS_TIME + " AS time,\n       " + modes + "\n"
                                + COUNTS_WHERE + "\nGROUP BY day\nORDER BY day", 16, 9,
                        Column.count("local_cases", "本地办理"), within, crossProvince),
                Panel.of(STAT, "跨域办件时效", "Timeliness of the cross-region cases submitted in the range: completed"
                                + " so far, of them on time, and the on-time rate.",
                        "SELECT " + CROSS_COMPLETED + " AS cross_completed,\n"
                                + "       " + CROSS_ON_TIME + " AS cross_on_time,\n"
                                + "       " + rate("cross_on_time", "cross_completed") + " AS cross_on_time_rate\n"
                                + COUNTS_WHERE, 8, 9,
                        Column.count("cross_completed", "已办结"), Column.count("cross_on_time", "按时办结"),
                        Column.percent("cross_on_time_rate", "按时办结率")),
                Panel.of(TABLE, "按通办模式的时效", "Cases submitted in the range by mode: completed so far, on time,"
                                + " on-time rate and average working days to complete.",
                        "SELECT cross_region_mode AS mode_code,\n"
                                + "       " + Sql.transform("mode_code", MODE_NAMES) + " AS mode,\n"
                                + "       " + SUBMITTED + " AS submitted_cases,\n"
                                + "       sum(submitted_completed) AS completed_cases,\n"
                                + "       sum(submitted_on_time) AS on_time_cases,\n"
                                + "       " + rate("on_time_cases", "completed_cases") + " AS on_time_rate,\n"
                                + "       " + rate("sum(submitted_working_days)", "completed_cases") + " AS avg_working_days\n"
                                + COUNTS_WHERE + "\nGROUP BY mode_code\nHAVING submitted_cases > 0\nORDER BY mode_code", 24, 7,
                        Column.text("mode_code", "模式代码"), Column.text("mode", "通办模式"),
                        Column.count("submitted_cases", "申请量"), Column.count("completed_cases", "已办结"),
                        Column.count("on_time_cases", "按时办结"), Column.percent("on_time_rate", "按时办结率"),
                        new Column("avg_working_days", "平均办理工作日", "none")),
                Panel.of(TABLE, "按办理地州市", "Cases submitted in the range by handling prefecture, with their"
                                + " cross-region volumes and share.",
                        "SELECT handling_prefecture AS prefecture_code,\n"
                                + "       " + prefectureName("prefecture_code") + " AS prefecture,\n"
                                + "       " + SUBMITTED + " AS submitted_cases,\n"
                                + "       " + SUBMITTED_WITHIN_REGION + " AS within_region_cases,\n"
                                + "       " + SUBMITTED_CROSS_PROVINCE + " AS cross_province_cases,\n"
                                + "       " + CROSS_SHARE + " AS cross_share\n"
                                + COUNTS_WHERE + "\nGROUP BY prefecture_code\nHAVING submitted_cases > 0\n"
                                + "ORDER BY cross_share DESC NULLS LAST, prefecture_code", 12, 10,
                        Column.text("prefecture_code", "区划代码"), Column.text("prefecture", "办理地"),
                        Column.count("submitted_cases", "申请量"), within, crossProvince,
                        Column.percent("cross_share", "跨域通办占比")),
                Panel.of(TABLE, "通办流向", "Where cross-region cases submitted in the range were received"
                                + " (accepting prefecture, outside Xinjiang shown by code) and where they were handled.",
                        "SELECT toString(ifNull(accepting_prefecture, '')) AS accepting_code,\n"
                                + "       " + prefectureName("accepting_code") + " AS accepting,\n"
                                + "       toString(ifNull(handling_prefecture, '')) AS handling_code,\n"
                                + "       " + prefectureName("handling_code") + " AS handling,\n"
                                + "       " + Sql.transform("toString(cross_region_mode)", MODE_NAMES) + " AS mode,\n"
                                + "       count() AS submitted_cases\n"
                                + "FROM case_facts FINAL\n"
                                + "WHERE " + CROSS_REGION + "\n  AND " + inRange("submitted_at")
                                + "\n  AND " + FACTS_FILTER
                                + "\nGROUP BY accepting_code, handling_code, mode\n"
                                + "ORDER BY submitted_cases DESC, accepting_code, handling_code", 12, 10,
                        Column.text("accepting_code", "受理地代码"), Column.text("accepting", "受理地"),
                        Column.text("handling_code", "办理地代码"), Column.text("handling", "办理地"),
                        Column.text("mode", "通办模式"), Column.count("submitted_cases", "申请量")));
        return Grafana.dashboard("xiaoneng-cross-region", "效能 · 跨域通办",
                "Cross-region handling: 疆内通办 and 跨省通办 volumes, shares, flows and timeliness.",
                Grafana.filterVariables(), panels);
    }

    static ObjectNode ratings() {
        List<Panel> panels = List.of(
                Panel.of(STAT, "评价概况", "Ratings given in the range (by rated_at): good 4-5, bad 1-2, the"
                                + " good-rating rate, and how many were defaulted to 满意 after 5 working days.",
                        "SELECT " + RATED + " AS ratings,\n"
                                + "       " + RATED_GOOD + " AS good_ratings,\n"
                                + "       " + RATED_BAD + " AS bad_ratings,\n"
                                + "       " + RATED_DEFAULTED + " AS defaulted_ratings,\n"
                                + "       " + GOOD_RATE + " AS good_rate\n" + COUNTS_WHERE, 14, 5,
                        Column.count("ratings", "评价数"), Column.count("good_ratings", "好评"),
                        Column.count("bad_ratings", "差评"), Column.count("defaulted_ratings", "默认好评"),
                        Column.percent("good_rate", "好评率")),
                Panel.of(STAT, "差评整改", "Bad ratings given in the range: rectified so far, the rectification"
                                + " rate (rectified / bad), those rectified within the limit, and those still"
                                + " unrectified past their limit (a state now, from their running sum).",
                        "SELECT " + RATED_BAD + " AS bad_ratings,\n"
                                + "       " + RATED_BAD_RECTIFIED + " AS rectified_cases,\n"
                                + "       " + rate("rectified_cases", "bad_ratings") + " AS rectification_rate,\n"
                                + "       " + RATED_BAD_RECTIFIED_ON_TIME + " AS rectified_on_time_cases,\n"
                                + "       " + Sql.rectificationOverdue("rated_day BETWEEN " + Sql.firstDay() + " AND "
                                + Sql.lastDay()) + " AS rectification_overdue\n"
                                + COUNTS_WHERE, 10, 5,
                        Column.count("bad_ratings", "差评"), Column.count("rectified_cases", "已整改"),
                        Column.percent("rectification_rate", "整改率"),
                        Column.count("rectified_on_time_cases", "按期整改"),
                        Column.count("rectification_overdue", "逾期未整改")),
                Panel.of(BARCHART, "评分分布", "Distribution of the scores 1-5 given in the range.",
                        "SELECT score, ratings FROM\n(\n"
                                + "    SELECT " + RATED_VERY_BAD + " AS s1, " + RATED_BAD + " - s1 AS s2, "
                                + RATED_NEUTRAL + " AS s3,\n"
                                + "           " + RATED_GOOD + " - " + RATED_VERY_GOOD + " AS s4, "
                                + RATED_VERY_GOOD + " AS s5\n"
                                + "    " + COUNTS_WHERE.replace("\n", "\n    ") + "\n)\n"
                                + "ARRAY JOIN ['1 非常不满意', '2 不满意', '3 基本满意', '4 满意', '5 非常满意'] AS score,"
                                + " [s1, s2, s3, s4, s5] AS ratings\n"
                                + "WHERE ratings > 0\nORDER BY score", 10, 9,
                        Column.text("score", "评分"), Column.count("ratings", "评价数")),
                Panel.of(TIMESERIES, "每日评价", "Ratings per local day: good, neutral and bad.",
                        "SELECT " + COUNTS_TIME + " AS time,\n"
                                + "       " + RATED_GOOD + " AS good_ratings,\n"
                                + "       " + RATED_NEUTRAL + " AS neutral_ratings,\n"
                                + "       " + RATED_BAD + " AS bad_ratings\n"
                                + COUNTS_WHERE + "\nGROUP BY day\nORDER BY day", 14, 9,
                        Column.count("good_ratings", "好评"), Column.count("neutral_ratings", "中评"),
                        Column.count("bad_ratings", "差评")),
                Panel.of(TABLE, "按地州市", "Ratings given in the range by prefecture.",
                        "SELECT handling_prefecture AS prefecture_code,\n"
                                + "       " + prefectureName("prefecture_code") + " AS prefecture,\n"
                                + "       " + RATED + " AS ratings,\n"
                                + "       " + RATED_GOOD + " AS good_ratings,\n"
                                + "       " + RATED_NEUTRAL + " AS neutral_ratings,\n"
                                + "       " + RATED_BAD + " AS bad_ratings,\n"
                                + "       " + RATED_DEFAULTED + " AS defaulted_ratings,\n"
                                + "       " + GOOD_RATE + " AS good_rate\n"
                                + COUNTS_WHERE + "\nGROUP BY prefecture_code\nHAVING ratings > 0\n"
                                + "ORDER BY good_rate ASC, prefecture_code", 24, 9,
                        Column.text("prefecture_code", "区划代码"), Column.text("prefecture", "地州市"),
                        Column.count("ratings", "评价数"), Column.count("good_ratings", "好评"),
                        Column.count("neutral_ratings", "中评"), Column.count("bad_ratings", "差评"),
                        Column.count("defaulted_ratings", "默认好评"), Column.percent("good_rate", "好评率")),
                Panel.of(TABLE, "按实施机构", "Ratings given in the range by agency, with the rectification of"
                                + " their bad ratings.",
                        "SELECT k AS agency_id, agency, ratings, good_ratings, good_rate, bad_ratings, rectified_cases,"
                                + " rectified_on_time_cases\n"
                                + "FROM\n(\n"
                                + "    SELECT agency_code AS k,\n"
                                + "           " + RATED + " AS ratings,\n"
                                + "           " + RATED_GOOD + " AS good_ratings,\n"
                                + "           " + GOOD_RATE + " AS good_rate,\n"
                                + "           " + RATED_BAD + " AS bad_ratings,\n"
                                + "           " + RATED_BAD_RECTIFIED + " AS rectified_cases,\n"
                                + "           " + RATED_BAD_RECTIFIED_ON_TIME + " AS rectified_on_time_cases\n"
                                + "    " + AGENCY_COUNTS_WHERE.replace("\n", "\n    ") + "\n"
                                + "    GROUP BY k\n    HAVING ratings > 0\n) AS period"
                                + names("agency_code", "any(agency_name) AS agency")
                                + "\nORDER BY good_rate ASC, bad_ratings DESC, agency_id", 24, 9,
                        Column.text("agency_id", "机构代码"), Column.text("agency", "实施机构"),
                        Column.count("ratings", "评价数"), Column.count("good_ratings", "好评"),
                        Column.percent("good_rate", "好评率"), Column.count("bad_ratings", "差评"),
                        Column.count("rectified_cases", "已整改"), Column.count("rectified_on_time_cases", "按期整改")));
        return Grafana.dashboard("xiaoneng-ratings", "效能 · 好差评",
                "Ratings (好差评): score distribution, good-rating rate, bad ratings and their rectification.",
                Grafana.filterVariables(), panels);
    }

    static ObjectNode audit() {
        String caseColumns = "case_id,\n"
                + "       " + prefectureName("toString(ifNull(handling_prefecture, ''))") + " AS prefecture,\n"
                + "       agency_name AS agency,\n"
                + "       item_name AS item,\n";
        Column caseId = Column.text("case_id", "办件编号");
        Column prefecture = Column.text("prefecture", "地州市");
        Column agency = Column.text("agency", "实施机构");
        Column item = Column.text("item", "事项名称");
        String unrectified = "rating_score <= 2 AND rectified_at IS NULL";
        List<Panel> panels = List.of(
                Panel.of(STAT, "待处理事项", "Now: cases open overdue, bad ratings not yet rectified, and of those"
                                + " the ones past their rectification limit. States at the current time.",
                        "SELECT " + OPEN_OVERDUE_NOW + " AS open_overdue,\n"
                                + "       " + MetricSql.UNRECTIFIED_BAD + " AS unrectified_bad_ratings,\n"
                                + "       " + Sql.rectificationOverdue("1") + " AS rectification_overdue\n"
                                + Sql.allDaysCounts(), 24, 4,
                        Column.count("open_overdue", "超期未办结"), Column.count("unrectified_bad_ratings", "未整改差评"),
                        Column.count("rectification_overdue", "逾期未整改")),
                Panel.of(TABLE, "超期未办结办件", "Cases open overdue now, longest overdue first; the case id opens"
                                + " the case in the audit workbench.",
                        "SELECT " + caseColumns
                                + "       toString(status) AS case_status,\n"
                                + "       accepted_at,\n"
                                + "       due_at,\n"
                                + "       dateDiff('day', due_at, now64(3), " + Sql.ZONE + ") AS days_overdue,\n"
                                + "       extended_days,\n"
                                + "       toString(channel) AS case_channel\n"
                                + "FROM case_facts FINAL\n"
                                + "WHERE " + OPEN_OVERDUE + "\n  AND " + FACTS_FILTER
                                + "\nORDER BY due_at, case_id\nLIMIT 1000", 24, 10,
                        caseId, prefecture, agency, item, Column.text("case_status", "状态"),
                        Column.time("accepted_at", "受理时间"), Column.time("due_at", "办结期限"),
                        Column.count("days_overdue", "超期天数（自然日）"), Column.count("extended_days", "延期工作日"),
                        Column.text("case_channel", "渠道")),
                Panel.of(TABLE, "未整改差评", "Bad ratings (1-2) not yet rectified, whenever given, earliest"
                                + " rectification limit first; the case id opens the case in the audit workbench.",
                        "SELECT " + caseColumns
                                + "       rating_score,\n"
                                + "       rated_at,\n"
                                + "       rectification_due_at,\n"
                                + "       if(rectification_due_at < now64(3), '已逾期', '整改期内') AS rectification_state\n"
                                + "FROM case_facts FINAL\n"
                                + "WHERE " + unrectified + "\n  AND " + FACTS_FILTER
                                + "\nORDER BY rectification_due_at, case_id\nLIMIT 1000", 24, 10,
                        caseId, prefecture, agency, item, Column.count("rating_score", "评分"),
                        Column.time("rated_at", "评价时间"), Column.time("rectification_due_at", "整改期限"),
                        Column.text("rectification_state", "整改状态")),
                Panel.of(TABLE, "时段内逾期办结", "Cases completed late in the range (by completed_at), latest"
                                + " first; the case id opens the case in the audit workbench.",
                        "SELECT " + caseColumns
                                + "       accepted_at,\n"
                                + "       due_at,\n"
                                + "       completed_at,\n"
                                + "       working_days_to_complete,\n"
                                + "       extended_days\n"
                                + "FROM case_facts FINAL\n"
                                + "WHERE on_time = 0\n  AND " + inRange("completed_at") + "\n  AND " + FACTS_FILTER
                                + "\nORDER BY completed_at DESC, case_id\nLIMIT 1000", 24, 10,
                        caseId, prefecture, agency, item, Column.time("accepted_at", "受理时间"),
                        Column.time("due_at", "办结期限"), Column.time("completed_at", "办结时间"),
                        Column.count("working_days_to_complete", "办理工作日"),
                        Column.count("extended_days", "延期工作日")));
        List<ObjectNode> variables = new ArrayList<>(Grafana.filterVariables());
        variables.add(Grafana.workbenchVariable());
        return Grafana.dashboard("xiaoneng-audit", "效能 · 审计",
                "Audit lists: cases open overdue, unrectified bad ratings and late completions, each linked to"
                        + " the audit workbench.", variables, panels);
    }
}
