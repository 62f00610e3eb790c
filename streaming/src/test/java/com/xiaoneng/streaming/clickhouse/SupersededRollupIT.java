package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.streaming.cases.CaseEventRow;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.testing.CaseStory;
import com.xiaoneng.streaming.testing.ClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V3 and the rollup's read formula for superseded default ratings: for every period the
 * rollup's numbers equal those of case_facts (each case's rating in force); rows written under V2 stay
 * right; replaying everything changes nothing.
 */
class SupersededRollupIT {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();
    private static final String DB = "xn_superseded";

    @TempDir
    static Path dir;
    static ClickHouseEndpoint endpoint;

    @BeforeAll
    static void start() {
        endpoint = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("clickhouse"), 0, "default", "");
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    private static CaseStory completed(String caseId, String handlingRegion) {
        return CaseStory.of(caseId).submitted(at("2025-03-03", 9), handlingRegion, handlingRegion, Channel.ONLINE,
                        "A-" + handlingRegion, "ITEM-1")
                .accepted(at("2025-03-03", 10), 5).completed(at("2025-03-04", 10), Outcome.APPROVED);
    }

    @Test
    void supersededDefaultsCountNowhereInAnyPeriodBeforeAndAfterAReplay() throws Exception {
        // written while the schema was V2: a real rating, a default that stays, a bad rating
        List<CaseStory> before = List.of(
                completed("real", "650102").rated(at("2025-03-06", 10), 5, false),
                completed("default", "653101").rated(at("2025-03-12", 0), 4, true),
                completed("bad", "650102").rated(at("2025-03-07", 10), 1, false));
        // after V3: defaults superseded by ratings given days earlier, the same day, and at the very deadline
        List<CaseStory> after = List.of(
                completed("earlier", "650102").rated(at("2025-03-12", 0), 4, true).supersededBy(at("2025-03-10", 15), 2),
                completed("sameday", "653101").rated(at("2025-03-12", 0), 4, true).supersededBy(at("2025-03-11", 9), 5),
                completed("deadline", "653101").rated(at("2025-03-12", 0), 4, true).supersededBy(at("2025-03-12", 0), 3),
                completed("reinstated", "650102").revoked(at("2025-03-07", 0)).reinstated(at("2025-03-06", 12)));

        try (Connection connection = ClickHouse.connect(endpoint)) {
            runV1AndV2(connection);
            for (CaseStory story : before) {
                insertAsV2(connection, story);
            }
            ClickHouseMigrations.apply(connection, DB);
            assertThat(ClickHouse.rows(connection, "SELECT version FROM " + DB + ".schema_migrations FINAL ORDER BY version"))
                    .containsExactlyElementsOf(ClickHouseMigrations.load(DB, false).stream()
                            .map(migration -> String.valueOf(migration.version())).toList());
            assertThat(ClickHouse.rows(connection, "SELECT case_id, rating_key FROM " + DB + ".case_events FINAL"
                    + " WHERE type = 'CaseRated' ORDER BY case_id")).containsExactly("bad\tbad", "default\tdefault", "real\treal");
        }
        List<CaseStory> all = new ArrayList<>(before);
        all.addAll(after);
        write(all);

        List<String> firstRun;
        try (Connection connection = ClickHouse.connect(endpoint)) {
            assertThat(ClickHouse.rollupRatings(connection, DB, "2025-03-01", "2025-03-31")).isEqualTo("6\t3\t1\t2\t1");
            // the superseded defaults' own day: only the default that stayed and the rating at the deadline
            assertThat(ClickHouse.rollupRatings(connection, DB, "2025-03-12", "2025-03-12")).isEqualTo("2\t1\t1\t0\t1");
            assertThat(ClickHouse.rows(connection, "SELECT status, revoked_at FROM " + DB + ".case_facts FINAL"
                    + " WHERE case_id = 'reinstated'")).containsExactly("ACCEPTED\tnull");
            assertEveryPeriodAgrees(connection);
            assertThat(ClickHouse.rows(connection, "SELECT handling_prefecture, uniqExactMerge(rated) - uniqExactMerge(rated_superseded),"
                    + " uniqExactMerge(rated_defaulted) - uniqExactMerge(rated_superseded) FROM " + DB + ".case_daily_rollup"
                    + " GROUP BY handling_prefecture ORDER BY handling_prefecture"))
                    .containsExactly("650100\t3\t0", "653100\t3\t1");
            firstRun = ClickHouse.dump(connection, DB);
        }

        Collections.reverse(all);
        write(all);
        try (Connection connection = ClickHouse.connect(endpoint)) {
            assertThat(ClickHouse.dump(connection, DB)).isEqualTo(firstRun);
        }
    }

    /** Every period within March 2025 gives the same five numbers from the rollup and from case_facts. */
    private static void assertEveryPeriodAgrees(Connection connection) throws Exception {
        LocalDate first = LocalDate.parse("2025-03-01");
        for (int from = 0; from < 15; from++) {
            for (int to = from; to < 15; to++) {
                String f = first.plusDays(from).toString();
                String t = first.plusDays(to).toString();
                assertThat(ClickHouse.rollupRatings(connection, DB, f, t)).as(f + ".." + t)
                        .isEqualTo(ClickHouse.factsRatings(connection, DB, f, t));
            }
        }
    }

    /** The schema as a V2 deployment had it. */
    private static void runV1AndV2(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            for (String file : List.of("V1__case_tables.sql", "V2__daily_rollup.sql")) {
                for (String sql : ClickHouseMigrations.split(resource(file).replace("${database}", DB))) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** A V2 job's rows: every column but the two V3 added. */
    private static void insertAsV2(Connection connection, CaseStory story) throws Exception {
        CaseEventsTable table = new CaseEventsTable();
        List<String> columns = table.columns().subList(0, table.columns().size() - 2);
        String sql = "INSERT INTO " + DB + ".case_events (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        CaseState state = CaseState.of(story.caseId());
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (EventEnvelope event : story.events()) {
                state.apply(event, CALENDAR);
                Object[] values = Arrays.copyOf(table.values(CaseEventRow.of(event, state)), columns.size());
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** As the job writes: each event's row, and the case's facts after it. */
    private static void write(List<CaseStory> stories) throws Exception {
        ClickHouseSettings settings = ClickHouseSettings.of(endpoint.url(), endpoint.user(), endpoint.password(), DB)
                .withBatching(1000, java.time.Duration.ofHours(1));
        try (ClickHouseSinkWriter<CaseEventRow> events = new ClickHouseSinkWriter<>(settings, new CaseEventsTable(), new ClickHouseSinkIT.ManualTime(), ClickHouseSinkIT.NO_REFUSALS);
             ClickHouseSinkWriter<CaseState> facts = new ClickHouseSinkWriter<>(settings, new CaseFactsTable(), new ClickHouseSinkIT.ManualTime(), ClickHouseSinkIT.NO_REFUSALS)) {
            for (CaseStory story : stories) {
                CaseState state = CaseState.of(story.caseId());
                for (EventEnvelope event : story.events()) {
                    state.apply(event, CALENDAR);
                    events.write(CaseEventRow.of(event, state), null);
                }
                // the writer keeps the object until it sends: one version per case, the newest
                facts.write(state, null);
            }
            events.flush(false);
            facts.flush(false);
        }
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = SupersededRollupIT.class.getClassLoader()
                .getResourceAsStream(ClickHouseMigrations.MIGRATIONS + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
