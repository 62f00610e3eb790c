package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.streaming.alerts.AlertLevel;
import com.xiaoneng.streaming.alerts.CaseAlert;
import com.xiaoneng.streaming.cases.CaseEventRow;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.KafkaDeadLetters;
import com.xiaoneng.streaming.testing.CaseStory;
import com.xiaoneng.streaming.testing.ClickHouse;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrator and the sink writer against a real ClickHouse HTTP endpoint (chDB, local-stack). */
class ClickHouseSinkIT {
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

    @Test
    void migrationsApplyOnceAndRefuseAChangedFile() throws Exception {
        try (Connection connection = ClickHouse.connect(endpoint)) {
            ClickHouseMigrations.apply(connection, "xn_migrations");
            ClickHouseMigrations.apply(connection, "xn_migrations");
            assertThat(ClickHouse.rows(connection, "SELECT version, name FROM xn_migrations.schema_migrations FINAL ORDER BY version"))
                    .containsExactlyElementsOf(ClickHouseMigrations.load("xn_migrations", false).stream()
                            .map(migration -> migration.version() + "\t" + migration.file()).toList());
            // sums of days past 65,535 are stored, not wrapped
            assertThat(ClickHouse.rows(connection, "SELECT name, type FROM system.columns WHERE database = 'xn_migrations'"
                    + " AND table = 'case_facts' AND name IN ('extended_days', 'suspended_working_days') ORDER BY name"))
                    .containsExactly("extended_days\tUInt32", "suspended_working_days\tUInt32");
            assertThat(ClickHouse.rows(connection, "SELECT name FROM system.tables WHERE database = 'xn_migrations' ORDER BY name"))
                    .containsExactly("case_alerts", "case_counts", "case_counts_by_region", "case_events", "case_facts",
                            "case_overdue_changes", "case_rectification_overdue_changes", "schema_migrations");

            connection.createStatement().execute("INSERT INTO xn_migrations.schema_migrations (version, name, checksum)"
                    + " VALUES (2, 'V2__daily_rollup.sql', 'edited')");
            assertThatThrownBy(() -> ClickHouseMigrations.apply(connection, "xn_migrations"))
                    .hasMessageContaining("V2__daily_rollup.sql changed after it was applied");
        }
    }

    @Test
    void clusterStatementsParse() throws Exception {
        // chDB has no cluster: the cluster form of every migration is only parsed
        try (Connection connection = ClickHouse.connect(endpoint); Statement statement = connection.createStatement()) {
            for (ClickHouseMigrations.Migration migration : ClickHouseMigrations.load("xn_cluster", true)) {
                for (String sql : migration.statements()) {
                    statement.execute("EXPLAIN AST " + sql);
                }
            }
        }
    }

    @Test
    void writesEveryColumn() throws Exception {
        String db = "xn_sink";
        try (Connection connection = ClickHouse.connect(endpoint)) {
            ClickHouseMigrations.apply(connection, db);
        }
        ClickHouseSettings settings = ClickHouseSettings.of(endpoint.url(), endpoint.user(), endpoint.password(), db)
                .withBatching(2, Duration.ofHours(1));
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9), "653101", "650102",
                        com.xiaoneng.events.Channel.HALL, "A-1", "ITEM-1")
                .accepted(at("2025-03-03", 10), 5).completed(at("2025-03-05", 10), Outcome.APPROVED)
                .rated(at("2025-03-06", 10), 2, false);
        CaseState state = CaseState.of("c1");
        ClickHouseSinkWriter<CaseEventRow> events = new ClickHouseSinkWriter<>(settings, new CaseEventsTable(), new ManualTime(), NO_REFUSALS);
        ClickHouseSinkWriter<CaseState> facts = new ClickHouseSinkWriter<>(settings, new CaseFactsTable(), new ManualTime(), NO_REFUSALS);
        for (EventEnvelope event : story.events()) {
            state.apply(event, WorkingDayCalendar.shipped());
            events.write(CaseEventRow.of(event, state), null);
        }
        // the job sends the case's state after each event: within a batch only the newest is sent, whatever the order
        List<CaseState> versions = new ArrayList<>();
        for (int k = 1; k <= story.events().size(); k++) {
            CaseState version = CaseState.of("c1");
            story.events().subList(0, k).forEach(event -> version.apply(event, WorkingDayCalendar.shipped()));
            versions.add(version);
        }
        for (CaseState version : versions) {
            facts.write(version, null);
        }
        facts.write(versions.get(1), null);
        facts.flush(false);
        ClickHouseSinkWriter<CaseAlert> alerts = new ClickHouseSinkWriter<>(settings, new CaseAlertsTable(), new ManualTime(), NO_REFUSALS);
        alerts.write(new CaseAlert("c1", AlertLevel.RED, state.dueAt, state.dueAt, Instant.parse("2025-03-11T00:00:00.123Z"),
                state.acceptedAt, 5, "650102", "A-1", "ITEM-1"), null);
        alerts.flush(false);
        events.close();
        facts.close();
        alerts.close();

        try (Connection connection = ClickHouse.connect(endpoint)) {
            assertThat(ClickHouse.rows(connection, "SELECT sequence, type, toString(occurred_at), handling_prefecture, accepting_province,"
                    + " cross_region_mode, on_time, working_days, rating_score FROM " + db + ".case_events FINAL ORDER BY sequence"))
                    .containsExactly(
                            "0\tCaseSubmitted\t2025-03-03 01:00:00.000\t650100\t650000\tWITHIN_REGION\tnull\tnull\tnull",
                            "1\tCaseAccepted\t2025-03-03 02:00:00.000\t650100\t650000\tWITHIN_REGION\tnull\tnull\tnull",
                            "2\tCaseCompleted\t2025-03-05 02:00:00.000\t650100\t650000\tWITHIN_REGION\t1\t2\tnull",
                            "3\tCaseRated\t2025-03-06 02:00:00.000\t650100\t650000\tWITHIN_REGION\tnull\tnull\t2");
            assertThat(ClickHouse.count(connection, "SELECT count() FROM " + db + ".case_facts")).isEqualTo(1);
            assertThat(ClickHouse.rows(connection, "SELECT version, status, toString(due_at), working_days_to_complete, rating_score,"
                    + " rectified_at, channel FROM " + db + ".case_facts FINAL"))
                    .containsExactly("3\tCOMPLETED\t2025-03-10 16:00:00.000\t2\t2\tnull\tHALL");
            assertThat(ClickHouse.rows(connection, "SELECT level, toString(emitted_at), allowed_working_days FROM " + db + ".case_alerts"))
                    .containsExactly("RED\t2025-03-11 00:00:00.123\t5");
        }
    }

    @Test
    void aBatchSentWhileClickHouseIsDownArrivesOnceItIsBack() throws Exception {
        Path data = dir.resolve("flaky");
        ClickHouseEndpoint flaky = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), data, 0, "default", "");
        int port = flaky.port();
        String db = "xn_flaky";
        try (Connection connection = ClickHouse.connect(flaky)) {
            ClickHouseMigrations.apply(connection, db);
        }
        ClickHouseSettings settings = ClickHouseSettings.of(flaky.url(), flaky.user(), flaky.password(), db)
                .withBatching(1000, Duration.ofHours(1)).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        flaky.stop();

        List<EventEnvelope> events = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5).events();
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            ClickHouseSinkWriter<CaseEventRow> writer = new ClickHouseSinkWriter<>(settings, new CaseEventsTable(), new ManualTime(), NO_REFUSALS);
            CaseState state = CaseState.of("c1");
            try {
                for (EventEnvelope event : events) {
                    state.apply(event, WorkingDayCalendar.shipped());
                    writer.write(CaseEventRow.of(event, state), null);
                }
                writer.flush(false);
                writer.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(3_000);
        assertThat(sent).isNotDone();

        ClickHouseEndpoint back = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), data, port, "default", "");
        try (Connection connection = ClickHouse.connect(back)) {
            sent.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ClickHouse.count(connection, "SELECT count() FROM " + db + ".case_events FINAL")).isEqualTo(2);
        } finally {
            back.close();
        }
    }

    @Test
    void rowsClickHouseRefusesGoToTheDeadLettersAndTheRestOfTheBatchLands() throws Exception {
        String db = "xn_refused";
        try (Connection connection = ClickHouse.connect(endpoint)) {
            ClickHouseMigrations.apply(connection, db);
            // a rule of the table the job cannot know: ClickHouse refuses those rows with VIOLATED_CONSTRAINT
            connection.createStatement().execute("ALTER TABLE " + db + ".case_events ADD CONSTRAINT no_c3_c7"
                    + " CHECK case_id NOT IN ('c3', 'c7')");
        }
        ClickHouseSettings settings = ClickHouseSettings.of(endpoint.url(), endpoint.user(), endpoint.password(), db)
                .withBatching(10, Duration.ofHours(1));
        List<DeadLetter> refused = new ArrayList<>();
        ClickHouseSinkWriter<CaseEventRow> writer = new ClickHouseSinkWriter<>(settings, new CaseEventsTable(),
                new ManualTime(), refused::add);
        for (int i = 0; i < 10; i++) {
            EventEnvelope submitted = CaseStory.of("c" + i).submitted(at("2025-03-03", 9)).last();
            CaseState state = CaseState.of("c" + i);
            state.apply(submitted, WorkingDayCalendar.shipped());
            writer.write(CaseEventRow.of(submitted, state), null);
        }
        writer.close();

        assertThat(refused).extracting(DeadLetter::key).containsExactly("c3", "c7");
        assertThat(refused).allSatisfy(letter -> {
            assertThat(letter.reason()).startsWith("ClickHouse refused the row: Code: 469.").contains("no_c3_c7");
            assertThat(letter.topic()).isEqualTo("clickhouse:xn_refused.case_events");
            assertThat(letter.payload()).contains("\"case_id\":\"" + letter.key() + "\"", "\"type\":\"CaseSubmitted\"");
        });
        try (Connection connection = ClickHouse.connect(endpoint)) {
            assertThat(ClickHouse.rows(connection, "SELECT case_id FROM " + db + ".case_events ORDER BY case_id"))
                    .containsExactly("c0", "c1", "c2", "c4", "c5", "c6", "c8", "c9");
        }
    }

    /** For rows ClickHouse must take: a refusal fails the test. */
    static final KafkaDeadLetters.Sender NO_REFUSALS = letter -> {
        throw new AssertionError("ClickHouse refused a row: " + letter.reason());
    };

    /** A processing-time service whose timers never fire: the tests flush explicitly. */
    static final class ManualTime implements ProcessingTimeService {
        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
            return null;
        }
    }
}
