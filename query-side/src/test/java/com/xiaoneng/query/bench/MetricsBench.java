package com.xiaoneng.query.bench;

import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.query.QuerySideApplication;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.clickhouse.CounterSql;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * p50/p95 latency of the metrics endpoints and the assessment report over N generated cases (default
 * 10,000,000) in ClickHouse on the chDB endpoint, each beside one hand-written ClickHouse query computing the
 * same numbers (sent straight to the endpoint), measured in the same rounds. Data: INSERT … SELECT FROM
 * numbers(N) into case_facts, then the counters rebuilt from it ({@link CounterSql#rebuild}, the sums the job
 * would have written), kept in the data dir for later runs. The query side runs in this JVM and is called over
 * HTTP with Basic auth; the variants take turns, so load from other processes falls on all alike.
 *
 * <p>Usage: {@code MetricsBench [cases] [measured rounds] [data dir]}; see bench/query/run.sh.
 */
public final class MetricsBench {
    private static final String DB = "xiaoneng";

    public static void main(String[] args) throws Exception {
        long cases = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path data = Path.of(args.length > 2 ? args[2] : "query-side/target/bench-clickhouse");
        try (ClickHouseEndpoint ch = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), data, 0, "default", "")) {
            Properties credentials = new Properties();
            credentials.setProperty("user", ch.user());
            credentials.setProperty("password", ch.password());
            try (Connection connection = DriverManager.getConnection(ch.url(), credentials)) {
                ClickHouseMigrations.apply(connection, DB);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            long present = Long.parseLong(sql(http, ch, "SELECT count() FROM " + DB + ".case_facts").strip());
            if (present != cases) {
                generate(http, ch, cases);
            }
            System.out.println("== data ==");
            List<String> tables = new ArrayList<>(List.of("case_facts"));
            tables.addAll(CounterSql.TABLES);
            for (String table : tables) {
                System.out.println(table + ": " + sql(http, ch, "SELECT count() FROM " + DB + "." + table).strip() + " rows, "
                        + sql(http, ch, "SELECT formatReadableSize(sum(bytes_on_disk)) FROM system.parts WHERE active"
                        + " AND database = '" + DB + "' AND table = '" + table + "'").strip());
            }
            System.out.println("cases submitted in 2025: " + sql(http, ch, "SELECT sum(submitted) FROM " + DB
                    + ".case_counts_by_region WHERE day BETWEEN '2025-01-01' AND '2025-12-31'").strip());

            ConfigurableApplicationContext app = SpringApplication.run(QuerySideApplication.class,
                    "--server.port=0", "--xiaoneng.clickhouse.url=" + ch.url(), "--logging.level.root=WARN",
                    "--spring.main.banner-mode=off");
            try {
                measure(http, ch, Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), rounds);
            } finally {
                app.close();
            }
        }
    }

    /** An API request and the one hand-written query that computes the same numbers. */
    private record Variant(String user, String path, String sql) {
    }

    private static void measure(HttpClient http, ClickHouseEndpoint ch, int port, int rounds) throws Exception {
        String year = "from=2025-01-01&to=2025-12-31";
        String days = " WHERE day BETWEEN '2025-01-01' AND '2025-12-31' AND handling_province = '650000'";
        String overdue = "(SELECT sum(open_overdue) FROM " + DB + ".case_overdue_changes WHERE at <= now64(3)"
                + " AND handling_province = '650000')";
        String completions = "sum(completed), sum(completed_on_time), sum(completed_working_days)";
        String byRegion = " FROM " + DB + ".case_counts_by_region";
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("compliance, 2025, total", new Variant("admin", "/api/metrics/compliance?" + year,
                "SELECT " + completions + ", " + overdue + byRegion + days));
        variants.put("compliance, 2025, by prefecture", new Variant("admin",
                "/api/metrics/compliance?" + year + "&groupBy=prefecture",
                "SELECT k, c, t, w, o FROM (SELECT handling_prefecture AS k, sum(completed) AS c,"
                        + " sum(completed_on_time) AS t, sum(completed_working_days) AS w" + byRegion + days
                        + " GROUP BY k) AS p FULL OUTER JOIN (SELECT handling_prefecture AS k, sum(open_overdue) AS o FROM "
                        + DB + ".case_overdue_changes WHERE at <= now64(3) AND handling_province = '650000' GROUP BY k)"
                        + " AS d USING (k)"));
        variants.put("compliance, 2025, by month", new Variant("admin", "/api/metrics/compliance?" + year + "&groupBy=month",
                "SELECT toStartOfMonth(day) AS k, " + completions + ", any(" + overdue + ")" + byRegion + days
                        + " GROUP BY k"));
        variants.put("compliance, 2025-Q3, by agency", new Variant("admin",
                "/api/metrics/compliance?from=2025-07-01&to=2025-09-30&groupBy=agency",
                "SELECT agency_code, " + completions + " FROM " + DB + ".case_counts WHERE day BETWEEN '2025-07-01'"
                        + " AND '2025-09-30' AND handling_province = '650000' GROUP BY agency_code"));
        variants.put("compliance, 2025, total, leader-kashgar (653100)", new Variant("leader-kashgar",
                "/api/metrics/compliance?" + year,
                "SELECT " + completions + ", " + overdue.replace("handling_province = '650000'", "handling_prefecture = '653100'")
                        + byRegion + days.replace("handling_province = '650000'", "handling_prefecture = '653100'")));
        String cross = "sum(submitted), sumIf(submitted, cross_region_mode = 'LOCAL'),"
                + " sumIf(submitted, cross_region_mode = 'WITHIN_REGION'), sumIf(submitted, cross_region_mode = 'CROSS_PROVINCE'),"
                + " sumIf(submitted_completed, cross_region_mode != 'LOCAL'), sumIf(submitted_on_time, cross_region_mode != 'LOCAL')";
        variants.put("cross-region, 2025, total", new Variant("admin", "/api/metrics/cross-region?" + year,
                "SELECT " + cross + byRegion + days));
        variants.put("cross-region, 2025, by prefecture", new Variant("admin",
                "/api/metrics/cross-region?" + year + "&groupBy=prefecture",
                "SELECT handling_prefecture, " + cross + byRegion + days + " GROUP BY handling_prefecture"));
        String ratings = "sum(rated), sum(rated_good), sum(rated_neutral), sum(rated_bad), sum(rated_defaulted),"
                + " sum(rated_bad_rectified), sum(rated_bad_rectified_on_time)";
        variants.put("ratings, 2025, total", new Variant("admin", "/api/metrics/ratings?" + year,
                "SELECT " + ratings + byRegion + days));
        variants.put("ratings, 2025, by prefecture", new Variant("admin", "/api/metrics/ratings?" + year + "&groupBy=prefecture",
                "SELECT handling_prefecture, " + ratings + byRegion + days + " GROUP BY handling_prefecture"));
        variants.put("assessment report 2025 by prefecture, JSON", new Variant("admin",
                "/api/reports/assessment?period=2025&groupBy=prefecture",
                "SELECT handling_prefecture, " + completions + ", " + ratings + ", " + cross + byRegion + days
                        + " GROUP BY handling_prefecture"));
        Map<String, List<Double>> api = new LinkedHashMap<>();
        Map<String, List<Double>> hand = new LinkedHashMap<>();
        variants.keySet().forEach(name -> {
            api.put(name, new ArrayList<>());
            hand.put(name, new ArrayList<>());
        });
        int warmUp = 2;
        for (int round = 0; round < warmUp + rounds; round++) {
            for (Map.Entry<String, Variant> variant : variants.entrySet()) {
                String user = variant.getValue().user();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + variant.getValue().path()))
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)))
                        .timeout(Duration.ofMinutes(5)).build();
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(variant.getKey() + ": HTTP " + response.statusCode() + " " + response.body());
                }
                start = System.nanoTime();
                String direct = sql(http, ch, variant.getValue().sql());
                double handElapsed = (System.nanoTime() - start) / 1e6;
                if (round == 0) {
                    System.out.println(variant.getKey() + ": " + abbreviate(response.body()));
                    System.out.println("  hand-written: " + abbreviate(direct.strip().replace('\n', ' ')));
                }
                if (round >= warmUp) {
                    api.get(variant.getKey()).add(elapsed);
                    hand.get(variant.getKey()).add(handElapsed);
                }
            }
        }
        System.out.println();
        System.out.println("| endpoint, period, grouping | runs | p50 ms | p95 ms | max ms | hand-written p50 / p95 ms | p50 ratio |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        api.forEach((name, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            List<Double> baseline = hand.get(name).stream().sorted().toList();
            System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.0f / %.0f | %.1f |%n", name, sorted.size(),
                    percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1),
                    percentile(baseline, 50), percentile(baseline, 95), percentile(sorted, 50) / percentile(baseline, 50));
        });
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String abbreviate(String body) {
        int from = Math.max(0, body.indexOf("\"total\""));
        return body.substring(from, Math.min(body.length(), from + 240));
    }

    /**
     * Cases over 2024-2025 in 21 counties of 14 prefectures (agency = one of 97 per case, in one county),
     * 30 items, 4 channels; 85 % local, 12 % within Xinjiang, 3 % from other provinces; 92 % completed
     * within 0-14 days of a 10-day limit; 70 % of those rated 1-5, 80 % of the bad ratings rectified;
     * the rest open. Deterministic in the case number.
     */
    private static void generate(HttpClient http, ClickHouseEndpoint ch, long cases) throws Exception {
        long start = System.nanoTime();
        List<String> tables = new ArrayList<>(List.of("case_facts", "case_alerts"));
        tables.addAll(CounterSql.TABLES);
        for (String table : tables) {
            sql(http, ch, "TRUNCATE TABLE " + DB + "." + table);
        }
        String base = "SELECT number AS n, concat('B', toString(n)) AS case_id,"
                + " ['650102','650103','650104','650105','650106','650202','650402','650502','652301','652302',"
                + "  '652701','652801','652901','653001','653101','653121','653201','654002','654202','654301','659001']"
                + "  [n % 97 % 21 + 1] AS handling_region,"
                + " if(handling_region = '659001', '659000', concat(substring(handling_region, 1, 4), '00')) AS handling_prefecture,"
                + " '650000' AS handling_province,"
                + " sipHash64(n, 2) % 100 AS m,"
                + " if(m < 85, handling_region, if(m < 97, if(handling_region = '650102', '653101', '650102'), '110101')) AS accepting_region,"
                + " if(m < 85, 'LOCAL', if(m < 97, 'WITHIN_REGION', 'CROSS_PROVINCE')) AS cross_region_mode,"
                + " concat('AG-', toString(n % 97)) AS agency_code,"
                + " concat('IT-', toString(sipHash64(n, 1) % 30)) AS item_code,"
                + " ['ONLINE','HALL','MOBILE','SELF_SERVICE'][sipHash64(n, 3) % 4 + 1] AS channel,"
                + " toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(sipHash64(n, 4) % (731 * 86400)) AS submitted_at,"
                + " submitted_at + toIntervalHour(1) AS accepted_at,"
                + " accepted_at + toIntervalDay(10) AS due_at,"
                + " sipHash64(n, 5) % 100 < 92 AS completed,"
                + " accepted_at + toIntervalSecond(sipHash64(n, 6) % (14 * 86400)) AS completed_at,"
                + " toUInt8(completed_at <= due_at) AS on_time,"
                + " toUInt32(intDiv(dateDiff('day', accepted_at, completed_at) * 5, 7)) AS working_days,"
                + " completed AND sipHash64(n, 7) % 100 < 70 AS rated,"
                + " completed_at + toIntervalDay(2) AS rated_at,"
                + " toUInt8(sipHash64(n, 8) % 5 + 1) AS score,"
                + " toUInt8(score = 4 AND sipHash64(n, 9) % 3 = 0) AS defaulted,"
                + " rated AND score <= 2 AND sipHash64(n, 10) % 100 < 80 AS rectified,"
                + " rated_at + toIntervalDay(15) AS rectification_due_at,"
                + " rated_at + toIntervalDay(sipHash64(n, 11) % 20) AS rectified_at"
                + " FROM numbers(" + cases + ")";
        sql(http, ch, "INSERT INTO " + DB + ".case_facts (case_id, version, status, item_code, item_name, agency_code,"
                + " agency_name, handling_region, handling_prefecture, handling_province, accepting_region, cross_region_mode,"
                + " channel, submitted_at, accepted_at, due_at, due_provisional, suspended, suspended_working_days,"
                + " extended_days, completed_at, outcome, on_time, working_days_to_complete, rating_score, rating_defaulted,"
                + " rated_at, rectification_due_at, rectified_at, rectified_on_time, last_event_at, updated_at)"
                + " SELECT case_id, if(rectified, 4, if(rated, 3, if(completed, 2, 1))),"
                + " if(completed, 'COMPLETED', 'ACCEPTED'), item_code, concat('事项 ', item_code), agency_code,"
                + " concat('政务服务中心 ', agency_code), handling_region, handling_prefecture, handling_province,"
                + " accepting_region, cross_region_mode, channel, submitted_at, accepted_at, due_at, 0, 0, 0, 0,"
                + " if(completed, completed_at, NULL), if(completed, 'APPROVED', NULL), if(completed, on_time, NULL),"
                + " if(completed, working_days, NULL), if(rated, score, NULL), if(rated, defaulted, NULL),"
                + " if(rated, rated_at, NULL), if(rated AND score <= 2, rectification_due_at, NULL),"
                + " if(rectified, rectified_at, NULL), if(rectified, toUInt8(rectified_at <= rectification_due_at), NULL),"
                + " submitted_at, submitted_at FROM (" + base + ")");
        System.out.printf("generated %,d cases in %.0f s%n", cases, (System.nanoTime() - start) / 1e9);
        for (String rebuild : CounterSql.rebuild(DB)) {
            sql(http, ch, rebuild);
        }
        System.out.printf("rebuilt the counters from case_facts: %.0f s in all%n", (System.nanoTime() - start) / 1e9);
    }

    /** Runs one statement over the endpoint's HTTP interface (no driver timeouts for the long INSERTs). */
    private static String sql(HttpClient http, ClickHouseEndpoint ch, String statement) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ch.httpUrl() + "/"))
                .header("X-ClickHouse-User", ch.user())
                .header("X-ClickHouse-Key", ch.password())
                .timeout(Duration.ofHours(1))
                .POST(HttpRequest.BodyPublishers.ofString(statement)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body() + "\n" + statement);
        }
        return response.body();
    }
}
