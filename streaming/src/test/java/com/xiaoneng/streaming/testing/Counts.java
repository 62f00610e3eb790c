package com.xiaoneng.streaming.testing;

import com.xiaoneng.clickhouse.CounterSql;
import com.xiaoneng.streaming.counts.Counter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The exactness check of issue 12: every sum in case_counts, case_counts_by_region, case_overdue_changes and
 * case_rectification_overdue_changes against the same sums computed from case_facts FINAL by the counters' rules
 * over a facts row ({@link CounterSql}).
 */
public final class Counts {
    private Counts() {
    }

    /** Rows where the sums differ from case_facts, as "table: facts only […], sums only […]"; empty when exact. */
    public static List<String> mismatches(Connection connection, String database) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        String sums = CounterSql.columns().stream().map(c -> "sum(" + c + ") AS " + c).collect(Collectors.joining(", "));
        String nonZero = CounterSql.columns().stream().map(c -> c + " != 0").collect(Collectors.joining(" OR "));
        check(connection, "case_counts", CounterSql.fromFacts(database, CounterSql.DIMENSIONS),
                summed(database, "case_counts", "day", CounterSql.DIMENSIONS, sums, nonZero), mismatches);
        check(connection, "case_counts_by_region", CounterSql.fromFacts(database, CounterSql.REGION_DIMENSIONS),
                summed(database, "case_counts_by_region", "day", CounterSql.REGION_DIMENSIONS, sums, nonZero),
                mismatches);
        check(connection, "case_overdue_changes", CounterSql.overdueFromFacts(database),
                summed(database, "case_overdue_changes", "at", CounterSql.DIMENSIONS,
                        "sum(open_overdue) AS open_overdue", "open_overdue != 0"), mismatches);
        check(connection, "case_rectification_overdue_changes", CounterSql.rectificationOverdueFromFacts(database),
                summed(database, "case_rectification_overdue_changes", "rated_day, at", CounterSql.DIMENSIONS,
                        "sum(rectification_overdue) AS rectification_overdue", "rectification_overdue != 0"),
                mismatches);
        return mismatches;
    }

    /** A counter's total over the whole table (and the same from case_facts, by the check above). */
    public static long total(Connection connection, String database, String table, Counter counter)
            throws SQLException {
        return ClickHouse.count(connection, "SELECT sum(" + counter.column() + ") FROM " + database + "." + table);
    }

    private static String summed(String database, String table, String key, List<String> dimensions, String sums,
                                 String nonZero) {
        String keys = key + ", " + String.join(", ", dimensions);
        return "SELECT " + keys + ", " + sums + " FROM " + database + "." + table + " GROUP BY " + keys
                + " HAVING " + nonZero;
    }

    private static void check(Connection connection, String table, String facts, String sums, List<String> mismatches)
            throws SQLException {
        List<String> expected = ClickHouse.rows(connection, "SELECT * FROM (" + facts + ") ORDER BY ALL");
        List<String> actual = ClickHouse.rows(connection, "SELECT * FROM (" + sums + ") ORDER BY ALL");
        if (!expected.equals(actual)) {
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(actual);
            List<String> extra = new ArrayList<>(actual);
            extra.removeAll(expected);
            mismatches.add(table + ": facts only " + missing + ", sums only " + extra);
        }
    }
}
