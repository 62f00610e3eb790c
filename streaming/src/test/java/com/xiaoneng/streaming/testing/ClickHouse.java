package com.xiaoneng.streaming.testing;

import com.clickhouse.jdbc.Driver;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.streaming.counts.Counter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** JDBC helpers against the chDB-backed endpoint of local-stack. */
public final class ClickHouse {
    private ClickHouse() {
    }

    public static Connection connect(ClickHouseEndpoint endpoint) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password());
        return new Driver().connect(endpoint.url(), properties);
    }

    /** Every row of the query, columns tab-separated, in the query's order. */
    public static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "\t" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    public static long count(Connection connection, String sql) throws SQLException {
        return Long.parseLong(rows(connection, sql).get(0));
    }

    /**
     * The job's tables as the dashboards would read them: facts, events and alerts with FINAL (alerts
     * without the wall-clock emitted_at), the counters summed per key.
     */
    public static List<String> dump(Connection connection, String database) throws SQLException {
        List<String> dump = new ArrayList<>();
        dump.add("-- case_events");
        dump.addAll(rows(connection, "SELECT * FROM " + database + ".case_events FINAL ORDER BY case_id, sequence"));
        dump.add("-- case_facts");
        dump.addAll(rows(connection, "SELECT * FROM " + database + ".case_facts FINAL ORDER BY case_id"));
        dump.add("-- case_alerts");
        dump.addAll(rows(connection, "SELECT * EXCEPT (emitted_at) FROM " + database
                + ".case_alerts FINAL ORDER BY case_id, level, due_at"));
        dump.addAll(sums(connection, database));
        return dump;
    }

    /**
     * The counters and the open-overdue changes, summed per key; keys whose sums are all zero left out (a change
     * taken back later leaves such rows until ClickHouse merges them, or none if both fell in one checkpoint).
     */
    public static List<String> sums(Connection connection, String database) throws SQLException {
        List<String> dump = new ArrayList<>();
        String sums = Arrays.stream(Counter.values()).map(c -> "sum(" + c.column() + ")").collect(Collectors.joining(", "));
        String nonZero = Arrays.stream(Counter.values()).map(c -> "sum(" + c.column() + ") != 0")
                .collect(Collectors.joining(" OR "));
        for (String table : List.of("case_counts", "case_counts_by_region")) {
            dump.add("-- " + table);
            dump.addAll(rows(connection, "SELECT day, handling_region, " + (table.equals("case_counts")
                    ? "agency_code, item_code, channel, " : "") + "cross_region_mode, " + sums
                    + " FROM " + database + "." + table + " GROUP BY ALL HAVING " + nonZero + " ORDER BY ALL"));
        }
        dump.add("-- case_overdue_changes");
        dump.addAll(rows(connection, "SELECT at, handling_region, agency_code, item_code, channel, cross_region_mode,"
                + " sum(open_overdue) FROM " + database + ".case_overdue_changes GROUP BY ALL"
                + " HAVING sum(open_overdue) != 0 ORDER BY ALL"));
        dump.add("-- case_rectification_overdue_changes");
        dump.addAll(rows(connection, "SELECT rated_day, at, handling_region, agency_code, item_code, channel,"
                + " cross_region_mode, sum(rectification_overdue) FROM " + database
                + ".case_rectification_overdue_changes GROUP BY ALL HAVING sum(rectification_overdue) != 0 ORDER BY ALL"));
        return dump;
    }

    /** Ratings, good, neutral, bad and defaulted given on the local days from..to, from the counters. */
    public static String countedRatings(Connection connection, String database, String from, String to)
            throws SQLException {
        return rows(connection, "SELECT sum(rated), sum(rated_good), sum(rated_neutral), sum(rated_bad), sum(rated_defaulted)"
                + " FROM " + database + ".case_counts WHERE day BETWEEN '" + from + "' AND '" + to + "'").get(0);
    }

    /** The same numbers from case_facts FINAL (each case's rating in force), as {@link #countedRatings}. */
    public static String factsRatings(Connection connection, String database, String from, String to)
            throws SQLException {
        return rows(connection, "SELECT count(), countIf(rating_score >= 4), countIf(rating_score = 3),"
                + " countIf(rating_score <= 2), countIf(rating_defaulted = 1) FROM " + database + ".case_facts FINAL"
                + " WHERE rated_at IS NOT NULL AND toDate(rated_at, 'Asia/Shanghai') BETWEEN '" + from + "' AND '"
                + to + "'").get(0);
    }
}
