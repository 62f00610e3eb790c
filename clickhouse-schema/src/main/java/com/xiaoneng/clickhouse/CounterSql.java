package com.xiaoneng.clickhouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The counters of {@code case_counts} as rules over a {@code case_facts} row (docs/metrics.md, "Counters"): the
 * instant whose local day a case counts on, and what it adds there. The streaming job applies the same rules to
 * its case state (its {@code Counter}s, {@code OpenOverdue} and {@code RectificationOverdue}, tested against these);
 * here they rebuild the sums from case_facts, for the upgrade from the tables before schema V5, for seeded test
 * data, and as the exactness check.
 */
public final class CounterSql {
    /** One counter: its column, the case_facts instant it counts on, and the amount (SQL; NULL adds 0). */
    public record Rule(String column, String instant, String amount) {
    }

    /** Nothing counts before a case is submitted: its dimensions are unknown until then. */
    private static final String COUNTED = "submitted_at IS NOT NULL";

    // open overdue (OpenOverdue in the job): from = max(accepted, due + 1 ms), until = max(due + 1 ms, completed or
    // revoked, the earlier), for accepted cases with a due instant that are not suspended, when from < until
    private static final String PAST_DUE = "assumeNotNull(due_at) + toIntervalMillisecond(1)";
    private static final String OVERDUE_FROM = "greatest(assumeNotNull(accepted_at), " + PAST_DUE + ")";
    private static final String ENDED = "least(ifNull(completed_at, revoked_at), ifNull(revoked_at, completed_at))";
    private static final String OVERDUE_UNTIL = "greatest(" + PAST_DUE + ", assumeNotNull(" + ENDED + "))";
    private static final String OVERDUE_CASE = COUNTED + " AND accepted_at IS NOT NULL AND due_at IS NOT NULL"
            + " AND suspended = 0";
    /** The case became open and overdue ... */
    private static final String OVERDUE_BEGAN = OVERDUE_CASE + " AND (" + ENDED + " IS NULL OR " + OVERDUE_FROM + " < "
            + OVERDUE_UNTIL + ")";
    /** ... and stopped being so. */
    private static final String OVERDUE_OVER = OVERDUE_CASE + " AND " + ENDED + " IS NOT NULL AND " + OVERDUE_FROM
            + " < " + OVERDUE_UNTIL;

    // a bad rating unrectified past its limit (RectificationOverdue in the job): +1 at limit + 1 ms, -1 when rectified
    // after that, counted under the rating's local day
    private static final String LIMIT_PASSED = "assumeNotNull(rectification_due_at) + toIntervalMillisecond(1)";
    private static final String BAD_RATING = COUNTED + " AND rating_score <= 2 AND rated_at IS NOT NULL"
            + " AND rectification_due_at IS NOT NULL";
    private static final String RECTIFIED_LATE = "rectified_at > " + LIMIT_PASSED;

    public static final List<Rule> RULES = List.of(
            new Rule("submitted", "submitted_at", "1"),
            new Rule("submitted_completed", "submitted_at", "completed_at IS NOT NULL"),
            new Rule("submitted_on_time", "submitted_at", "on_time = 1"),
            new Rule("submitted_working_days", "submitted_at", "if(completed_at IS NULL, 0, working_days_to_complete)"),
            new Rule("accepted", "accepted_at", "1"),
            new Rule("not_accepted", "not_accepted_at", "1"),
            new Rule("revoked", "revoked_at", "1"),
            new Rule("completed", "completed_at", "1"),
            new Rule("completed_on_time", "completed_at", "on_time = 1"),
            new Rule("completed_working_days", "completed_at", "working_days_to_complete"),
            new Rule("rated", "rated_at", "1"),
            new Rule("rated_good", "rated_at", "rating_score >= 4"),
            new Rule("rated_neutral", "rated_at", "rating_score = 3"),
            new Rule("rated_bad", "rated_at", "rating_score <= 2"),
            new Rule("rated_defaulted", "rated_at", "rating_defaulted = 1"),
            new Rule("rated_very_good", "rated_at", "rating_score = 5"),
            new Rule("rated_very_bad", "rated_at", "rating_score = 1"),
            new Rule("rated_bad_rectified", "rated_at", "rating_score <= 2 AND rectified_at IS NOT NULL"),
            new Rule("rated_bad_rectified_on_time", "rated_at", "rating_score <= 2 AND rectified_on_time = 1"),
            new Rule("rectified", "rectified_at", "1"),
            new Rule("rectified_on_time", "rectified_at", "rectified_on_time = 1"),
            new Rule("became_overdue", "if(" + OVERDUE_BEGAN + ", " + OVERDUE_FROM + ", NULL)", "1"),
            new Rule("overdue_ended", "if(" + OVERDUE_OVER + ", " + OVERDUE_UNTIL + ", NULL)", "1"));

    /** The dimensions of {@code case_counts}, then of {@code case_counts_by_region}, after {@code day}. */
    public static final List<String> DIMENSIONS = List.of("handling_province", "handling_prefecture", "handling_region",
            "agency_code", "item_code", "channel", "cross_region_mode");
    public static final List<String> REGION_DIMENSIONS = List.of("handling_province", "handling_prefecture",
            "handling_region", "cross_region_mode");

    private CounterSql() {
    }

    public static List<String> columns() {
        return RULES.stream().map(Rule::column).toList();
    }

    /**
     * {@code INSERT … SELECT} statements that add to {@code case_counts} and {@code case_counts_by_region} what
     * the cases in {@code case_facts FINAL} count: run on empty tables, they give the sums the job would have
     * written for the same cases. Run once (the sums would double); the job must not write meanwhile.
     */
    public static List<String> rebuild(String database) {
        return List.of(rebuild(database, "case_counts", DIMENSIONS),
                rebuild(database, "case_counts_by_region", REGION_DIMENSIONS),
                "INSERT INTO " + database + ".case_overdue_changes (at, " + String.join(", ", DIMENSIONS)
                        + ", open_overdue) " + overdueFromFacts(database),
                "INSERT INTO " + database + ".case_rectification_overdue_changes (rated_day, at, "
                        + String.join(", ", DIMENSIONS) + ", rectification_overdue) "
                        + rectificationOverdueFromFacts(database));
    }

    /** The tables {@link #rebuild(String)} fills. */
    public static final List<String> TABLES = List.of("case_counts", "case_counts_by_region", "case_overdue_changes",
            "case_rectification_overdue_changes");

    /**
     * Fills the sums from case_facts ({@link #rebuild(String)}), refusing when any of them holds rows already: the
     * sums would double.
     */
    public static void rebuild(Connection connection, String database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count() FROM " + database + "." + table)) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        throw new IllegalStateException(database + "." + table + " holds " + rows.getLong(1)
                                + " rows: rebuilding would double its sums (truncate the " + TABLES.size() + " tables first)");
                    }
                }
            }
            for (String insert : rebuild(database)) {
                statement.execute(insert);
            }
        }
    }

    /** The changes of the number open overdue as case_facts gives them: {@code at, <dimensions>, open_overdue}. */
    public static String overdueFromFacts(String database) {
        String dimensions = DIMENSIONS.stream().map(d -> "ifNull(toString(" + d + "), '') AS " + d)
                .collect(Collectors.joining(", "));
        String from = "SELECT " + dimensions + ", " + OVERDUE_FROM + " AS at, toInt64(1) AS n FROM " + database
                + ".case_facts FINAL WHERE " + OVERDUE_BEGAN;
        String until = "SELECT " + dimensions + ", " + OVERDUE_UNTIL + " AS at, toInt64(-1) AS n FROM " + database
                + ".case_facts FINAL WHERE " + OVERDUE_OVER;
        return "SELECT at, " + String.join(", ", DIMENSIONS) + ", sum(n) AS open_overdue FROM (" + from
                + " UNION ALL " + until + ") GROUP BY at, " + String.join(", ", DIMENSIONS) + " HAVING open_overdue != 0";
    }

    /**
     * The changes of the number of bad ratings unrectified past their limit as case_facts gives them:
     * {@code rated_day, at, <dimensions>, rectification_overdue}.
     */
    public static String rectificationOverdueFromFacts(String database) {
        String head = "SELECT " + DIMENSIONS.stream().map(d -> "ifNull(toString(" + d + "), '') AS " + d)
                .collect(Collectors.joining(", ")) + ", toDate(assumeNotNull(rated_at), 'Asia/Shanghai') AS rated_day, ";
        String passed = head + LIMIT_PASSED + " AS at, toInt64(1) AS n FROM " + database + ".case_facts FINAL WHERE "
                + BAD_RATING + " AND (rectified_at IS NULL OR " + RECTIFIED_LATE + ")";
        String rectified = head + "assumeNotNull(rectified_at) AS at, toInt64(-1) AS n FROM " + database
                + ".case_facts FINAL WHERE " + BAD_RATING + " AND " + RECTIFIED_LATE;
        return "SELECT rated_day, at, " + String.join(", ", DIMENSIONS) + ", sum(n) AS rectification_overdue FROM ("
                + passed + " UNION ALL " + rectified + ") GROUP BY rated_day, at, " + String.join(", ", DIMENSIONS)
                + " HAVING rectification_overdue != 0";
    }

    /**
     * Each counter's sum per local day and dimensions as case_facts gives it: {@code day, <dimensions>, <columns>}.
     * One branch per instant a counter counts on, added up; rows of zeros left out.
     */
    public static String fromFacts(String database, List<String> dimensions) {
        Set<String> instants = RULES.stream().map(Rule::instant).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> branches = new ArrayList<>();
        for (String instant : instants) {
            List<String> columns = new ArrayList<>();
            dimensions.forEach(d -> columns.add("ifNull(toString(" + d + "), '') AS " + d));
            columns.add("toDate(" + instant + ", 'Asia/Shanghai') AS day");
            for (Rule rule : RULES) {
                columns.add((rule.instant().equals(instant) ? "toInt64(ifNull(" + rule.amount() + ", 0))" : "toInt64(0)")
                        // not the column's own name: an alias would shadow the case_facts column of that name
                        + " AS n_" + rule.column());
            }
            branches.add("SELECT " + String.join(", ", columns) + " FROM " + database + ".case_facts FINAL WHERE "
                    + COUNTED + " AND " + instant + " IS NOT NULL");
        }
        String sums = columns().stream().map(c -> "sum(n_" + c + ") AS " + c).collect(Collectors.joining(", "));
        String nonZero = columns().stream().map(c -> c + " != 0").collect(Collectors.joining(" OR "));
        return "SELECT day, " + String.join(", ", dimensions) + ", " + sums
                + " FROM (" + String.join(" UNION ALL ", branches) + ")"
                + " GROUP BY day, " + String.join(", ", dimensions) + " HAVING " + nonZero;
    }

    private static String rebuild(String database, String table, List<String> dimensions) {
        return "INSERT INTO " + database + "." + table + " (day, " + String.join(", ", dimensions) + ", "
                + String.join(", ", columns()) + ") " + fromFacts(database, dimensions);
    }
}
