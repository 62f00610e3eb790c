package com.xiaoneng.dashboards;

import com.clickhouse.jdbc.Driver;
import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.dashboards.GrafanaExpansion.Range;
import com.xiaoneng.dashboards.GrafanaExpansion.Selection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * p50/p95 of every Grafana panel's SQL, expanded as Grafana would for the year 2025 (Beijing time) with every
 * variable on "All", over the data {@code bench/query/run.sh} generated (MetricsBench), run one after another on
 * the chDB endpoint as a dashboard's panels are; panels take turns round by round. Client-side time: the query and
 * reading all its rows over JDBC.
 *
 * <p>Usage: {@code PanelBench [measured rounds] [data dir]}.
 */
public final class PanelBench {
    private static final Range YEAR_2025 = new Range(Instant.parse("2024-12-31T16:00:00Z"),
            Instant.parse("2025-12-31T15:59:59.999Z"), Duration.ofDays(1));

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path data = Path.of(args.length > 1 ? args[1] : "query-side/target/bench-clickhouse");
        Map<String, String> panels = new LinkedHashMap<>();
        Map<String, Selection> all = Map.of("prefecture", Selection.all(List.of("650100")),
                "agency", Selection.all(List.of("AG-0")), "item_type", Selection.all(List.copyOf(Grafana.ITEM_TYPE_NAMES.keySet())));
        for (Map.Entry<String, JsonNode> dashboard : DashboardFilesTest.dashboards().entrySet()) {
            for (JsonNode panel : DashboardFilesTest.panels(dashboard.getValue())) {
                panels.put(dashboard.getKey() + " · " + panel.get("title").asText(),
                        GrafanaExpansion.expand(panel.at("/targets/0/rawSql").asText(), all, YEAR_2025));
            }
        }
        try (ClickHouseEndpoint ch = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), data, 0, "default", "")) {
            Properties credentials = new Properties();
            credentials.setProperty("user", ch.user());
            credentials.setProperty("password", ch.password());
            // as Grafana's datasource: the job's database is the default one
            try (Connection connection = new Driver().connect(ch.url().replaceFirst("/default$", "/xiaoneng"), credentials);
                 Statement statement = connection.createStatement()) {
                Map<String, List<Double>> millis = new LinkedHashMap<>();
                panels.keySet().forEach(name -> millis.put(name, new ArrayList<>()));
                int warmUp = 2;
                for (int round = 0; round < warmUp + rounds; round++) {
                    for (Map.Entry<String, String> panel : panels.entrySet()) {
                        long start = System.nanoTime();
                        int rows = 0;
                        try (ResultSet result = statement.executeQuery(panel.getValue())) {
                            while (result.next()) {
                                rows++;
                            }
                        }
                        double elapsed = (System.nanoTime() - start) / 1e6;
                        if (round == 0) {
                            System.out.printf("%s: %d rows%n", panel.getKey(), rows);
                        }
                        if (round >= warmUp) {
                            millis.get(panel.getKey()).add(elapsed);
                        }
                    }
                }
                System.out.println();
                System.out.println("| dashboard · panel (2025, all selected) | runs | p50 ms | p95 ms | max ms |");
                System.out.println("|---|---:|---:|---:|---:|");
                millis.forEach((name, values) -> {
                    List<Double> sorted = values.stream().sorted().toList();
                    System.out.printf("| %s | %d | %.0f | %.0f | %.0f |%n", name, sorted.size(), percentile(sorted, 50),
                            percentile(sorted, 95), sorted.get(sorted.size() - 1));
                });
            }
        }
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
