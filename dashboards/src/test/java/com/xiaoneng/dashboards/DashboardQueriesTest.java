package com.xiaoneng.dashboards;

import com.clickhouse.jdbc.Driver;
import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.dashboards.GrafanaExpansion.Range;
import com.xiaoneng.dashboards.GrafanaExpansion.Selection;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.clickhouse.CounterSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every panel's SQL, expanded as Grafana and the plugin would for March 2025 (Beijing time) and several
 * variable selections, runs on local-stack's ClickHouse endpoint (chDB) over the schema of the streaming
 * job and {@link SeedCases}, and returns the columns its panel shows. The numbers are checked against
 * values counted by hand from the seed.
 */
class DashboardQueriesTest {
    private static final String DATABASE = "xiaoneng";
    /** 2025-03-01 00:00 to 2025-03-31 23:59:59.999, Beijing time, as the picker sends it. */
    private static final Range MARCH = new Range(Instant.parse("2025-02-28T16:00:00Z"),
            Instant.parse("2025-03-31T15:59:59.999Z"), Duration.ofHours(1));
    private static final Range JANUARY_2020 = new Range(Instant.parse("2019-12-31T16:00:00Z"),
            Instant.parse("2020-01-31T15:59:59.999Z"), Duration.ofHours(1));
    private static final List<String> PREFECTURES = List.of(SeedCases.URUMQI, SeedCases.KASHGAR, SeedCases.ILI);
    private static final List<String> AGENCIES = List.of("KS-RSJ", "UQ-SCJ", "YL-GAJ");
    private static final List<String> ITEM_TYPES = List.copyOf(Grafana.ITEM_TYPE_NAMES.keySet());

    @TempDir
    static Path data;
    private static ClickHouseEndpoint endpoint;
    private static Connection connection;
    private static Map<String, JsonNode> dashboards;

    @BeforeAll
    static void seed() throws Exception {
        endpoint = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), data.resolve("clickhouse"), 0,
                "default", "");
        try (Connection admin = connect("default")) {
            ClickHouseMigrations.apply(admin, DATABASE);
        }
        // as Grafana's datasource: the job's database is the default one, tables go unqualified
        connection = connect(DATABASE);
        try (Statement statement = connection.createStatement()) {
            for (String insert : SeedCases.inserts()) {
                statement.execute(insert);
            }
        }
        // the sums the job would have written for these cases
        CounterSql.rebuild(connection, DATABASE);
        dashboards = DashboardFilesTest.dashboards();
    }

    @AfterAll
    static void stop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password());
        return new Driver().connect(endpoint.url().replaceFirst("/default$", "/" + database), properties);
    }

    private static Map<String, Selection> selection(Selection prefecture, Selection agency, Selection itemType) {
        Map<String, Selection> variables = new HashMap<>();
        variables.put("prefecture", prefecture);
        variables.put("agency", agency);
        variables.put("item_type", itemType);
        return variables;
    }

    private static Map<String, Selection> all() {
        return selection(Selection.all(PREFECTURES), Selection.all(AGENCIES), Selection.all(ITEM_TYPES));
    }

    /** The selections every panel is run with: all, one prefecture, two agencies, one item type. */
    private static Map<String, Map<String, Selection>> selections() {
        Map<String, Map<String, Selection>> selections = new LinkedHashMap<>();
        selections.put("all", all());
        selections.put("prefecture 653100", selection(Selection.of(SeedCases.KASHGAR), Selection.all(AGENCIES),
                Selection.all(ITEM_TYPES)));
        selections.put("agencies UQ-SCJ, YL-GAJ", selection(Selection.all(PREFECTURES),
                Selection.of("UQ-SCJ", "YL-GAJ"), Selection.all(ITEM_TYPES)));
        selections.put("item type PAYMENT", selection(Selection.all(PREFECTURES), Selection.all(AGENCIES),
                Selection.of("PAYMENT")));
        return selections;
    }

    record Result(List<String> columns, List<String> types, List<Map<String, String>> rows) {
        String value(String column) {
            assertThat(rows).as("one row").hasSize(1);
            return rows.get(0).get(column);
        }

        double number(String column) {
            return Double.parseDouble(value(column));
        }

        /** A rate: NULL when nothing was counted. */
        Double rate(String column) {
            String value = value(column);
            return value == null ? null : Double.valueOf(value);
        }

        List<String> column(String name) {
            return rows.stream().map(row -> row.get(name)).toList();
        }
    }

    private static Result run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                types.add(meta.getColumnTypeName(i));
            }
            List<Map<String, String>> values = new ArrayList<>();
            while (rows.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.put(columns.get(i - 1), rows.getString(i));
                }
                values.add(row);
            }
            return new Result(columns, types, values);
        }
    }

    private static JsonNode panel(String file, String title) {
        for (JsonNode panel : DashboardFilesTest.panels(dashboards.get(file))) {
            if (panel.get("title").asText().equals(title)) {
                return panel;
            }
        }
        throw new AssertionError("no panel " + title + " in " + file);
    }

    /** Runs the panel's query for March with the selection and checks its columns. */
    private static Result query(JsonNode panel, Map<String, Selection> variables) throws SQLException {
        return query(panel, variables, MARCH);
    }

    private static Result query(JsonNode panel, Map<String, Selection> variables, Range range) throws SQLException {
        String sql = GrafanaExpansion.expand(panel.at("/targets/0/rawSql").asText(), variables, range);
        Result result;
        try {
            result = run(sql);
        } catch (SQLException e) {
            throw new AssertionError("panel " + panel.get("title") + " failed:\n" + sql, e);
        }
        List<String> needed = new ArrayList<>();
        panel.at("/fieldConfig/overrides").forEach(o -> needed.add(o.at("/matcher/options").asText()));
        switch (panel.get("type").asText()) {
            case "timeseries" -> {
                needed.add("time");
                assertThat(result.types().get(result.columns().indexOf("time"))).as("time column type")
                        .startsWith("DateTime");
            }
            case "barchart" -> needed.add(panel.at("/options/xField").asText());
            case "stat" -> assertThat(result.rows()).as("%s: one row", panel.get("title")).hasSize(1);
            default -> {
            }
        }
        assertThat(result.columns()).as("columns of %s", panel.get("title")).containsAll(needed);
        return result;
    }

    /** The picker's range for the Beijing days {@code from..to}. */
    private static Range localDays(String from, String to) {
        ZoneId beijing = ZoneId.of("Asia/Shanghai");
        return new Range(LocalDate.parse(from).atStartOfDay(beijing).toInstant(),
                LocalDate.parse(to).plusDays(1).atStartOfDay(beijing).toInstant().minusMillis(1), Duration.ofHours(1));
    }

    private static Result query(String file, String title, Map<String, Selection> variables) throws SQLException {
        return query(panel(file, title), variables);
    }

    @TestFactory
    List<DynamicTest> everyPanelRunsAndReturnsItsColumns() {
        List<DynamicTest> tests = new ArrayList<>();
        dashboards.forEach((file, dashboard) -> {
            for (JsonNode panel : DashboardFilesTest.panels(dashboard)) {
                selections().forEach((name, variables) -> tests.add(DynamicTest.dynamicTest(
                        file + " · " + panel.get("title").asText() + " · " + name, () -> query(panel, variables))));
                tests.add(DynamicTest.dynamicTest(file + " · " + panel.get("title").asText() + " · a range without data",
                        () -> query(panel, all(), JANUARY_2020)));
            }
        });
        return tests;
    }

    @Test
    void agencyVariableListsCodesWithNamesWithinTheChosenPrefectures() throws SQLException {
        JsonNode agency = dashboards.get("01-overview.json").at("/templating/list/1");
        Result everywhere = run(GrafanaExpansion.expand(agency.get("query").asText(), all(), MARCH));
        assertThat(everywhere.column("value")).containsExactly("KS-RSJ", "UQ-SCJ", "YL-GAJ");
        assertThat(everywhere.column("text")).containsExactly("喀什地区人力资源和社会保障局", "乌鲁木齐市市场监督管理局",
                "伊犁哈萨克自治州公安局");
        Result kashgar = run(GrafanaExpansion.expand(agency.get("query").asText(),
                selection(Selection.of(SeedCases.KASHGAR), Selection.all(AGENCIES), Selection.all(ITEM_TYPES)), MARCH));
        assertThat(kashgar.column("value")).containsExactly("KS-RSJ");
    }

    /** The overview's headline numbers: on-time rate, open overdue, good rate, cross share, volumes. */
    private static void assertHeadline(Map<String, Selection> variables, double onTimeRate, long openOverdue,
                                       double goodRate, double crossShare, long submitted, long completed)
            throws SQLException {
        String file = "01-overview.json";
        assertThat(query(file, "按时办结率", variables).number("on_time_rate")).isCloseTo(onTimeRate, within(1e-9));
        assertThat(query(file, "超期未办结", variables).number("open_overdue")).isEqualTo(openOverdue);
        assertThat(query(file, "好评率", variables).number("good_rate")).isCloseTo(goodRate, within(1e-9));
        assertThat(query(file, "跨域通办占比", variables).number("cross_share")).isCloseTo(crossShare, within(1e-9));
        Result volumes = query(file, "办件量", variables);
        assertThat(volumes.number("submitted_cases")).isEqualTo(submitted);
        assertThat(volumes.number("completed_cases")).isEqualTo(completed);
    }

    @Test
    void overviewHeadlineForMarchMatchesTheHandCount() throws SQLException {
        // completed in March (Beijing): C01 C02 C03 C04 C06 C07 C11 C13 C15, on time: C01 C03 C06 C07 C13 C15;
        // open overdue now: C05 C10 C16 C18 (C08 suspended, C09 revoked, C17 not yet due; C18's revocation was reversed);
        // rated in March: C01 5, C02 2, C03 4, C04 1, C06 3, C07 4 (default), C11 5, C13 2;
        // submitted in March: 14, of them C03 C08 within the region and C04 C13 across provinces
        assertHeadline(all(), 6.0 / 9, 4, 4.0 / 8, 4.0 / 14, 14, 9);
    }

    @Test
    void overviewHeadlineFollowsTheFilters() throws SQLException {
        Map<String, Selection> kashgar = selection(Selection.of(SeedCases.KASHGAR), Selection.all(AGENCIES),
                Selection.all(ITEM_TYPES));
        assertHeadline(kashgar, 1.0, 1, 0.5, 1.0 / 6, 6, 2);
        // the rollup has no item type: the filter goes through the item codes of that type
        Map<String, Selection> payment = selection(Selection.all(PREFECTURES), Selection.all(AGENCIES),
                Selection.of("PAYMENT"));
        assertHeadline(payment, 1.0, 1, 0.5, 1.0 / 6, 6, 2);
        Map<String, Selection> twoAgencies = selection(Selection.all(PREFECTURES), Selection.of("UQ-SCJ", "YL-GAJ"),
                Selection.all(ITEM_TYPES));
        assertHeadline(twoAgencies, 4.0 / 7, 3, 3.0 / 6, 3.0 / 8, 8, 7);
    }

    /**
     * The overview's numbers equal the query side's /api/metrics totals for the same local days and region,
     * rates rounded as the API rounds them (4 decimals, half up).
     */
    @Test
    void overviewEqualsTheQuerySideMetricsForTheSameRange() throws Exception {
        Path jar = Path.of(System.getProperty("dashboards.querySideJar", "../query-side/target/query-side.jar"));
        Map<String, String> environment = Map.of(
                "CLICKHOUSE_URL", endpoint.url(), "CLICKHOUSE_USER", endpoint.user(),
                "CLICKHOUSE_PASSWORD", endpoint.password(), "CLICKHOUSE_DATABASE", DATABASE);
        try (QuerySide api = QuerySide.start(jar, environment, data.resolve("query-side.log"))) {
            Map<String, Map<String, Selection>> regions = new LinkedHashMap<>();
            regions.put("650000", all());
            regions.put(SeedCases.KASHGAR, selection(Selection.of(SeedCases.KASHGAR), Selection.all(AGENCIES),
                    Selection.all(ITEM_TYPES)));
            // March; May, with C19's superseded default; the superseded default's day alone
            for (String[] period : new String[][] {{"2025-03-01", "2025-03-31"}, {"2025-05-01", "2025-05-31"},
                    {"2025-05-17", "2025-05-17"}}) {
                for (Map.Entry<String, Map<String, Selection>> region : regions.entrySet()) {
                    String query = "?from=" + period[0] + "&to=" + period[1] + "&region=" + region.getKey();
                    Range range = localDays(period[0], period[1]);
                    Map<String, Selection> variables = region.getValue();
                    JsonNode compliance = api.get("/api/metrics/compliance" + query, "leader", "leader-pass").get("total");
                    JsonNode cross = api.get("/api/metrics/cross-region" + query, "leader", "leader-pass").get("total");
                    JsonNode ratings = api.get("/api/metrics/ratings" + query, "leader", "leader-pass").get("total");
                    String file = "01-overview.json";
                    assertRate(query(panel(file, "按时办结率"), variables, range).rate("on_time_rate"), compliance.get("onTimeRate"));
                    assertThat(query(panel(file, "超期未办结"), variables, range).number("open_overdue"))
                            .isEqualTo(compliance.get("openOverdue").asDouble());
                    assertRate(query(panel(file, "好评率"), variables, range).rate("good_rate"), ratings.get("goodRate"));
                    assertRate(query(panel(file, "跨域通办占比"), variables, range).rate("cross_share"), cross.get("crossShare"));
                    Result volumes = query(panel(file, "办件量"), variables, range);
                    assertThat(volumes.number("submitted_cases")).isEqualTo(cross.get("submitted").asDouble());
                    assertThat(volumes.number("completed_cases")).isEqualTo(compliance.get("completed").asDouble());
                    Result ratingSummary = query(panel("04-ratings.json", "评价概况"), variables, range);
                    assertThat(ratingSummary.number("ratings")).isEqualTo(ratings.get("ratings").asDouble());
                    assertThat(ratingSummary.number("good_ratings")).isEqualTo(ratings.get("good").asDouble());
                    assertThat(ratingSummary.number("defaulted_ratings")).isEqualTo(ratings.get("defaulted").asDouble());
                    assertRate(query(panel("04-ratings.json", "差评整改"), variables, range).rate("rectification_rate"),
                            ratings.get("rectificationRate"));
                    assertRate(query(panel("03-cross-region.json", "跨域办件时效"), variables, range).rate("cross_on_time_rate"),
                            cross.get("onTimeRate"));
                }
            }
        }
    }

    private static void assertRate(Double dashboard, JsonNode api) {
        if (dashboard == null) {
            assertThat(api.isNull()).as("API rate %s where the dashboard has none", api).isTrue();
            return;
        }
        assertThat(BigDecimal.valueOf(dashboard).setScale(4, RoundingMode.HALF_UP)).isEqualByComparingTo(api.decimalValue());
    }

    @Test
    void prefectureRankingOrdersByOnTimeRateWithOverdueJoined() throws SQLException {
        Result ranking = query("01-overview.json", "地州市排名", all());
        assertThat(ranking.column("prefecture_code")).containsExactly("653100", "654000", "650100");
        assertThat(ranking.column("prefecture")).containsExactly("喀什地区", "伊犁哈萨克自治州", "乌鲁木齐市");
        assertThat(ranking.column("submitted_cases")).containsExactly("6", "3", "5");
        assertThat(ranking.column("completed_cases")).containsExactly("2", "3", "4");
        assertThat(ranking.column("open_overdue")).containsExactly("1", "0", "3");
        assertThat(Double.parseDouble(ranking.rows().get(1).get("on_time_rate"))).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(Double.parseDouble(ranking.rows().get(2).get("cross_share"))).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void complianceFromTheFactsAgreesWithTheRollup() throws SQLException {
        Result summary = query("02-compliance.json", "办结时效概况", all());
        assertThat(summary.number("completed_cases")).isEqualTo(9);
        assertThat(summary.number("on_time_cases")).isEqualTo(6);
        assertThat(summary.number("late_cases")).isEqualTo(3);
        assertThat(summary.number("on_time_rate")).isCloseTo(6.0 / 9, within(1e-9));
        assertThat(summary.number("open_overdue")).isEqualTo(4);
        // 4 6 3 6 3 4 6 3 4 working days
        assertThat(summary.number("avg_working_days")).isCloseTo(39.0 / 9, within(1e-9));

        Result byAgency = query("02-compliance.json", "按实施机构", all());
        Map<String, String> urumqi = byAgency.rows().stream().filter(r -> r.get("agency_id").equals("UQ-SCJ"))
                .findFirst().orElseThrow();
        assertThat(urumqi).containsEntry("agency", "乌鲁木齐市市场监督管理局").containsEntry("completed_cases", "4")
                .containsEntry("on_time_cases", "2").containsEntry("late_cases", "2").containsEntry("open_overdue", "3");
        Result byItem = query("02-compliance.json", "按事项", all());
        assertThat(byItem.column("item_kind")).containsExactlyInAnyOrder("行政许可", "行政给付", "公共服务");

        Result warnings = query("02-compliance.json", "黄牌/红牌预警", all());
        assertThat(warnings.column("yellow_warnings").stream().mapToLong(Long::parseLong).sum()).isEqualTo(3);
        // C05's RED was delivered twice and counts once
        assertThat(warnings.column("red_warnings").stream().mapToLong(Long::parseLong).sum()).isEqualTo(3);
        Result kashgarWarnings = query("02-compliance.json", "黄牌/红牌预警", selection(Selection.of(SeedCases.KASHGAR),
                Selection.all(AGENCIES), Selection.all(ITEM_TYPES)));
        assertThat(kashgarWarnings.column("red_warnings").stream().mapToLong(Long::parseLong).sum()).isEqualTo(1);
    }

    @Test
    void crossRegionVolumesSharesAndTimeliness() throws SQLException {
        Result volumes = query("03-cross-region.json", "通办办件量", all());
        assertThat(volumes.number("submitted_cases")).isEqualTo(14);
        assertThat(volumes.number("within_region_cases")).isEqualTo(2);
        assertThat(volumes.number("cross_province_cases")).isEqualTo(2);
        Result shares = query("03-cross-region.json", "通办占比", all());
        assertThat(shares.number("within_region_share")).isCloseTo(2.0 / 14, within(1e-9));
        assertThat(shares.number("cross_province_share")).isCloseTo(2.0 / 14, within(1e-9));
        // cross-region cases submitted in March: C03 on time, C04 late, C08 open, C13 on time
        Result timeliness = query("03-cross-region.json", "跨域办件时效", all());
        assertThat(timeliness.number("cross_completed")).isEqualTo(3);
        assertThat(timeliness.number("cross_on_time")).isEqualTo(2);
        Result byMode = query("03-cross-region.json", "按通办模式的时效", all());
        assertThat(byMode.column("mode")).containsExactly("跨省通办", "本地办理", "疆内通办");
        assertThat(byMode.column("submitted_cases")).containsExactly("2", "10", "2");
        assertThat(byMode.column("completed_cases")).containsExactly("2", "5", "1");
        assertThat(byMode.column("on_time_cases")).containsExactly("1", "4", "1");
        Result flows = query("03-cross-region.json", "通办流向", all());
        List<String> pairs = flows.rows().stream()
                .map(r -> r.get("accepting_code") + ">" + r.get("handling_code") + " " + r.get("mode")).toList();
        assertThat(pairs).containsExactly("110100>650100 跨省通办", "440300>654000 跨省通办",
                "650100>653100 疆内通办", "653100>650100 疆内通办");
    }

    @Test
    void ratingsDistributionGoodRateAndRectification() throws SQLException {
        Result summary = query("04-ratings.json", "评价概况", all());
        assertThat(summary.number("ratings")).isEqualTo(8);
        assertThat(summary.number("good_ratings")).isEqualTo(4);
        assertThat(summary.number("bad_ratings")).isEqualTo(3);
        assertThat(summary.number("defaulted_ratings")).isEqualTo(1);
        assertThat(summary.number("good_rate")).isCloseTo(0.5, within(1e-9));
        Result distribution = query("04-ratings.json", "评分分布", all());
        assertThat(distribution.column("score")).containsExactly("1 非常不满意", "2 不满意", "3 基本满意", "4 满意", "5 非常满意");
        assertThat(distribution.column("ratings")).containsExactly("1", "2", "1", "2", "2");
        // bad ratings given in March: C02 rectified in time, C13 rectified late, C04 not rectified, past its limit
        Result rectification = query("04-ratings.json", "差评整改", all());
        assertThat(rectification.number("bad_ratings")).isEqualTo(3);
        assertThat(rectification.number("rectified_cases")).isEqualTo(2);
        assertThat(rectification.number("rectified_on_time_cases")).isEqualTo(1);
        assertThat(rectification.number("rectification_rate")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(rectification.number("rectification_overdue")).isEqualTo(1);
    }

    /** C19's default rating (05-17) was superseded by its real one (05-14, score 5): counted on 05-14 only. */
    @Test
    void aSupersededDefaultRatingCountsNowhere() throws SQLException {
        for (String[] range : new String[][] {{"2025-05-01", "2025-05-31", "1", "1"}, {"2025-05-14", "2025-05-14", "1", "1"},
                {"2025-05-15", "2025-05-31", "0", "0"}, {"2025-05-17", "2025-05-17", "0", "0"}}) {
            Range days = localDays(range[0], range[1]);
            Result summary = query(panel("04-ratings.json", "评价概况"), all(), days);
            assertThat(summary.number("ratings")).as(range[0] + ".." + range[1]).isEqualTo(Long.parseLong(range[2]));
            assertThat(summary.number("good_ratings")).isEqualTo(Long.parseLong(range[3]));
            assertThat(summary.number("defaulted_ratings")).isZero();
            Result byPrefecture = query(panel("04-ratings.json", "按地州市"), all(), days);
            assertThat(byPrefecture.column("ratings")).containsExactlyElementsOf(
                    range[2].equals("0") ? List.of() : List.of("1"));
            Result distribution = query(panel("04-ratings.json", "评分分布"), all(), days);
            assertThat(distribution.column("ratings")).containsExactlyElementsOf(
                    range[2].equals("0") ? List.of() : List.of("1"));
        }
    }

    @Test
    void auditListsTheCasesToFollowUp() throws SQLException {
        Result counts = query("05-audit.json", "待处理事项", all());
        assertThat(counts.number("open_overdue")).isEqualTo(4);
        assertThat(counts.number("unrectified_bad_ratings")).isEqualTo(1);
        assertThat(counts.number("rectification_overdue")).isEqualTo(1);
        assertThat(query("05-audit.json", "超期未办结办件", all()).column("case_id")).containsExactly("C05", "C10", "C16", "C18");
        Result unrectified = query("05-audit.json", "未整改差评", all());
        assertThat(unrectified.column("case_id")).containsExactly("C04");
        assertThat(unrectified.column("rectification_state")).containsExactly("已逾期");
        assertThat(query("05-audit.json", "时段内逾期办结", all()).column("case_id")).containsExactly("C04", "C02", "C11");
    }
}
