package com.xiaoneng.streaming.testing;

import com.xiaoneng.streaming.counts.Counter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The exactness check of issue 12: every sum in case_counts and case_counts_by_region against the same number
 * computed from case_facts FINAL (each counter's rule over a facts row, {@link Counter#factsAmount()}).
 */
public final class Counts {
    private static final String ALL = "handling_region, agency_code, item_code, channel, cross_region_mode";
    private static final String BY_REGION = "handling_region, cross_region_mode";

    private Counts() {
    }

    /** Rows where a counter's sum differs from case_facts, as "counter table: sums ≠ facts"; empty when exact. */
    public static List<String> mismatches(Connection connection, String database) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        for (Counter counter : Counter.values()) {
            check(connection, database, counter, "case_counts", ALL, mismatches);
            check(connection, database, counter, "case_counts_by_region", BY_REGION, mismatches);
        }
        return mismatches;
    }

    /** A counter's total over the whole table (and the same from case_facts, by the check above). */
    public static long total(Connection connection, String database, String table, Counter counter)
            throws SQLException {
        return ClickHouse.count(connection, "SELECT sum(" + counter.column() + ") FROM " + database + "." + table);
    }

    private static void check(Connection connection, String database, Counter counter, String table,
                              String dimensions, List<String> mismatches) throws SQLException {
        String facts = "SELECT toDate(" + counter.factsInstant() + ", 'Asia/Shanghai') AS d, "
                + ifNull(dimensions) + ", sum(toInt64(ifNull(" + counter.factsAmount() + ", 0))) AS v"
                + " FROM " + database + ".case_facts FINAL WHERE submitted_at IS NOT NULL AND "
                + counter.factsInstant() + " IS NOT NULL GROUP BY ALL HAVING v != 0 ORDER BY ALL";
        String sums = "SELECT day AS d, " + dimensions + ", sum(" + counter.column() + ") AS v FROM " + database + "."
                + table + " GROUP BY ALL HAVING v != 0 ORDER BY ALL";
        List<String> expected = ClickHouse.rows(connection, facts);
        List<String> actual = ClickHouse.rows(connection, sums);
        if (!expected.equals(actual)) {
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(actual);
            List<String> extra = new ArrayList<>(actual);
            extra.removeAll(expected);
            mismatches.add(counter.column() + " " + table + ": facts only " + missing + ", sums only " + extra);
        }
    }

    private static String ifNull(String dimensions) {
        List<String> columns = new ArrayList<>();
        for (String column : dimensions.split(", ")) {
            columns.add("ifNull(toString(" + column + "), '') AS " + column);
        }
        return String.join(", ", columns);
    }
}
