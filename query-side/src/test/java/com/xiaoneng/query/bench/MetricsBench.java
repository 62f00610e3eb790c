package com.xiaoneng.query.bench;

import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.query.QuerySideApplication;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
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
 * p50/p95 latency of the metrics endpoints over N generated cases (default 10,000,000) in ClickHouse
 * on the chDB endpoint. Data: INSERT … SELECT FROM numbers(N) into case_events (which feeds
 * case_daily_rollup through the streaming job's materialized view) and case_facts, kept in the data
 * dir for later runs. The query side runs in this JVM and is called over HTTP with Basic auth; the
 * variants take turns, so load from other processes falls on all alike.
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
            for (String table : List.of("case_facts", "case_events", "case_daily_rollup")) {
                System.out.println(table + ": " + sql(http, ch, "SELECT count() FROM " + DB + "." + table).strip() + " rows, "
                        + sql(http, ch, "SELECT formatReadableSize(sum(bytes_on_disk)) FROM system.parts WHERE active"
                        + " AND database = '" + DB + "' AND table = '" + table + "'").strip());
            }
            System.out.println("cases submitted in 2025: " + sql(http, ch, "SELECT uniqExactMerge(submitted) FROM " + DB
                    + ".case_daily_rollup WHERE day BETWEEN '2025-01-01' AND '2025-12-31'").strip());

            ConfigurableApplicationContext app = SpringApplication.run(QuerySideApplication.class,
                    "--server.port=0", "--xiaoneng.clickhouse.url=" + ch.url(), "--logging.level.root=WARN",
                    "--spring.main.banner-mode=off");
            try {
                measure(http, Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), rounds);
            } finally {
                app.close();
            }
        }
    }

    private static void measure(HttpClient http, int port, int rounds) throws Exception {
        Map<String, String[]> variants = new LinkedHashMap<>();
        String year = "from=2025-01-01&to=2025-12-31";
        variants.put("compliance, 2025, total", new String[] {"admin", "/api/metrics/compliance?" + year});
        variants.put("compliance, 2025, by prefecture", new String[] {"admin", "/api/metrics/compliance?" + year + "&groupBy=prefecture"});
        variants.put("compliance, 2025, by month", new String[] {"admin", "/api/metrics/compliance?" + year + "&groupBy=month"});
        variants.put("compliance, 2025-Q3, by agency", new String[] {"admin", "/api/metrics/compliance?from=2025-07-01&to=2025-09-30&groupBy=agency"});
        variants.put("compliance, 2025, total, leader-kashgar (653100)", new String[] {"leader-kashgar", "/api/metrics/compliance?" + year});
        variants.put("cross-region, 2025, total", new String[] {"admin", "/api/metrics/cross-region?" + year});
        variants.put("cross-region, 2025, by prefecture", new String[] {"admin", "/api/metrics/cross-region?" + year + "&groupBy=prefecture"});
        variants.put("ratings, 2025, total", new String[] {"admin", "/api/metrics/ratings?" + year});
        variants.put("ratings, 2025, by prefecture", new String[] {"admin", "/api/metrics/ratings?" + year + "&groupBy=prefecture"});
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        variants.keySet().forEach(name -> millis.put(name, new ArrayList<>()));
        int warmUp = 2;
        for (int round = 0; round < warmUp + rounds; round++) {
            for (Map.Entry<String, String[]> variant : variants.entrySet()) {
                String user = variant.getValue()[0];
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + variant.getValue()[1]))
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)))
                        .timeout(Duration.ofMinutes(5)).build();
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(variant.getKey() + ": HTTP " + response.statusCode() + " " + response.body());
                }
                if (round == 0) {
                    System.out.println(variant.getKey() + ": " + abbreviate(response.body()));
                }
                if (round >= warmUp) {
                    millis.get(variant.getKey()).add(elapsed);
                }
            }
        }
        System.out.println();
        System.out.println("| endpoint, period, grouping | runs | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        millis.forEach((name, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            System.out.printf("| %s | %d | %.0f | %.0f | %.0f |%n", name, sorted.size(), percentile(sorted, 50),
                    percentile(sorted, 95), sorted.get(sorted.size() - 1));
        });
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String abbreviate(String body) {
        int total = body.indexOf("\"total\"");
        return total < 0 ? body : body.substring(total, Math.min(body.length(), total + 240));
    }

    /**
     * Cases over 2024-2025 in 21 counties of 14 prefectures (agency = one of 97 per case, in one county),
     * 30 items, 4 channels; 85 % local, 12 % within Xinjiang, 3 % from other provinces; 92 % completed
     * within 0-14 days of a 10-day limit; 70 % of those rated 1-5, 80 % of the bad ratings rectified;
     * the rest open. Deterministic in the case number.
     */
    private static void generate(HttpClient http, ClickHouseEndpoint ch, long cases) throws Exception {
        long start = System.nanoTime();
        for (String table : List.of("case_events", "case_facts", "case_alerts", "case_daily_rollup")) {
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
        String eventColumns = " (event_id, case_id, sequence, type, occurred_at, recorded_at, handling_region,"
                + " handling_prefecture, handling_province, accepting_region, accepting_prefecture, accepting_province,"
                + " agency_code, item_code, channel, cross_region_mode, payload, on_time, working_days, rating_score,"
                + " rating_defaulted, rectified_on_time)";
        String eventValues = "generateUUIDv4(n), case_id, %d, '%s', %s, %s, handling_region, handling_prefecture,"
                + " handling_province, accepting_region, if(accepting_region = '110101', '110100',"
                + " concat(substring(accepting_region, 1, 4), '00')), concat(substring(accepting_region, 1, 2), '0000'),"
                + " agency_code, item_code, channel, cross_region_mode, '{}', %s, %s, %s, %s, %s";
        List<String> events = List.of(
                String.format(eventValues, 0, "CaseSubmitted", "submitted_at", "submitted_at", "NULL", "NULL", "NULL", "NULL", "NULL") + " FROM (" + base + ")",
                String.format(eventValues, 2, "CaseCompleted", "completed_at", "completed_at", "on_time", "working_days", "NULL", "NULL", "NULL") + " FROM (" + base + ") WHERE completed",
                String.format(eventValues, 3, "CaseRated", "rated_at", "rated_at", "NULL", "NULL", "score", "defaulted", "NULL") + " FROM (" + base + ") WHERE rated",
                String.format(eventValues, 4, "BadRatingRectified", "rectified_at", "rectified_at", "NULL", "NULL", "NULL", "NULL",
                        "toUInt8(rectified_at <= rectification_due_at)") + " FROM (" + base + ") WHERE rectified");
        for (String select : events) {
            sql(http, ch, "INSERT INTO " + DB + ".case_events" + eventColumns + " SELECT " + select);
            System.out.printf("generated events: %s (%.0f s)%n", select.substring(select.indexOf('\'') + 1, select.indexOf("',")),
                    (System.nanoTime() - start) / 1e9);
        }
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
