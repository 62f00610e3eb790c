package com.xiaoneng.systemtests;

import com.xiaoneng.streaming.job.CaseStreamJob;
import com.xiaoneng.streaming.job.StreamingConfig;
import com.xiaoneng.streaming.job.StreamingMain;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.localstack.kafka.KafkaBroker;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.clickhouse.MetricSql;
import com.xiaoneng.streaming.testing.ClickHouse;
import com.xiaoneng.streaming.testing.Kafka;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 through the whole pipeline (command side process → Kafka → Flink job → ClickHouse): an
 * automatic event whose deadline had passed when the case reached it fires after the late-fact grace,
 * then the fact it waited for is recorded with a business time in time. The default rating then counts
 * nowhere and the revocation is reversed, in the counters as in case_facts; a replay from the event store
 * and a rebuild from the whole topic give the same tables.
 */
class SupersessionPipelineIT {
    static final String DB = "xn_supersession";
    static final String REBUILT = "xn_supersession_rebuilt";
    static final String TOPIC = "case-events";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    static KafkaBroker broker;
    static Kafka kafka;
    static ClickHouseEndpoint clickHouse;
    static CommandSide commandSide;
    static JobClient job;
    static JobClient rebuild;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0, Map.of(TOPIC, 3, "case-alerts", 1, "case-events-dlq", 1));
        kafka = new Kafka(broker.bootstrapServers());
        clickHouse = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("clickhouse"), 0, "default", "");
        try (Connection connection = ClickHouse.connect(clickHouse)) {
            ClickHouseMigrations.apply(connection, DB);
            ClickHouseMigrations.apply(connection, REBUILT);
        }
        commandSide = CommandSide.start(dir, broker.bootstrapServers(), "2s");
        job = startJob("supersession", DB);
    }

    /**
     * The job as StreamingMain builds it. Warnings wait 10 s of quiet: an automatic revocation comes
     * within ~3 s of the acceptance (grace 2 s, scheduler polling 1 s), so a case revoked at once is never
     * warned about first.
     */
    static JobClient startJob(String name, String database) throws Exception {
        StreamingConfig config = StreamingConfig.from(new String[] {
                "--kafka-bootstrap-servers", broker.bootstrapServers(), "--group-id", "streaming-" + name,
                "--clickhouse-url", clickHouse.url(), "--clickhouse-database", database, "--clickhouse-flush-interval", "0.2s",
                "--checkpoint-interval", "1s", "--checkpoint-dir", dir.resolve("checkpoints-" + name).toString(),
                "--parallelism", "2", "--warning-settle", "10s"}, Map.of());
        StreamExecutionEnvironment env = StreamingMain.environment(config);
        CaseStreamJob.attach(StreamingMain.kafkaMessages(env, config), StreamingMain.sinks(config), config.warningRule(),
                config.gapTimeout(), config.warningSettle());
        return env.executeAsync(name);
    }

    @AfterAll
    static void stop() throws Exception {
        for (JobClient client : new JobClient[] {job, rebuild}) {
            if (client != null) {
                client.cancel().get();
            }
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (clickHouse != null) {
            clickHouse.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Polls {@code sql} until it answers {@code expected} or patience runs out, then compares. */
    static void eventually(Connection connection, String sql, String expected) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String seen = String.join("\n", ClickHouse.rows(connection, sql));
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            seen = String.join("\n", ClickHouse.rows(connection, sql));
        }
        assertThat(seen).as(sql).isEqualTo(expected);
    }

    static String facts(String database, String caseId) {
        return "SELECT status, rating_score, rating_defaulted, toString(rated_at), toString(revoked_at), toString(due_at),"
                + " toString(corrected_at) FROM " + database + ".case_facts FINAL WHERE case_id = '" + caseId + "'";
    }

    /**
     * Ratings, good, neutral, bad, defaulted from the counters and from case_facts, which must agree. They are
     * written by separate sinks: wait for the two to meet.
     */
    static String ratings(Connection connection, String database, String from, String to) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String counted = ClickHouse.countedRatings(connection, database, from, to);
        String facts = ClickHouse.factsRatings(connection, database, from, to);
        while (!counted.equals(facts) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            counted = ClickHouse.countedRatings(connection, database, from, to);
            facts = ClickHouse.factsRatings(connection, database, from, to);
        }
        assertThat(counted).as("counters = facts for " + from + ".." + to).isEqualTo(facts);
        return counted;
    }

    /** Revoked cases (from case_facts, and counting the events), open overdue cases now (metrics.md). */
    static String revocations(Connection connection, String database) throws Exception {
        return ClickHouse.rows(connection, "SELECT (SELECT countIf(status = 'REVOKED') FROM " + database + ".case_facts FINAL),"
                + " (SELECT countIf(type = 'AcceptanceRevoked') - countIf(type = 'AcceptanceReinstated') FROM " + database
                + ".case_events FINAL), (SELECT count() FROM " + database + ".case_facts FINAL"
                + " WHERE " + MetricSql.openOverdue("now64(3)") + ")").get(0);
    }

    static String rate(String at, int score) {
        return "{\"at\":\"" + at + "\",\"score\":" + score + "}";
    }

    @Test
    void lateFactsReplaceTheAutomaticEventsEverywhereAndReplaysChangeNothing() throws Exception {
        commandSide.item("SUP-A", "不动产登记", "LICENSE", 5, "NONE");
        // R1-R3, R5: accepted Mon 03-03, completed Fri 03-07; rating deadline 5 working days later, the end of
        // Fri 03-14 (= 03-15 00:00 Beijing): long past, so the default 满意 comes after the 2 s grace.
        // R4 is rated at once (5) and gets no default.
        List<String> rated = List.of("SUP-R1", "SUP-R2", "SUP-R3", "SUP-R4", "SUP-R5");
        for (int i = 0; i < rated.size(); i++) {
            String id = rated.get(i);
            commandSide.submit(id, "SUP-A", "ONLINE", "650102", "650102", "2025-03-03T09:00:00+08:00", i);
            commandSide.step(id, "accept", "{\"at\":\"2025-03-03T10:00:00+08:00\"}");
            commandSide.step(id, "complete", "{\"at\":\"2025-03-07T16:00:00+08:00\",\"outcome\":\"APPROVED\"}");
        }
        commandSide.step("SUP-R4", "rate", rate("2025-03-08T10:00:00+08:00", 5));
        // V1, V2: 容缺受理 Tue 04-01 with 2 days to supply (correction due the end of Thu 04-03, due date the end
        // of Wed 04-09): revoked automatically after the grace
        for (int i = 1; i <= 2; i++) {
            String id = "SUP-V" + i;
            commandSide.submit(id, "SUP-A", "MOBILE", "653101", "653101", "2025-04-01T09:00:00+08:00", 10 + i);
            commandSide.step(id, "accept", "{\"at\":\"2025-04-01T10:00:00+08:00\","
                    + "\"deficiency\":{\"missing\":[\"营业执照副本\"],\"correctionDays\":2}}");
        }

        try (Connection connection = ClickHouse.connect(clickHouse)) {
            // before: four default ratings (4) on 03-15 and R4's 5 on 03-08; both cases revoked, none open
            eventually(connection, "SELECT countIf(rating_defaulted = 1), countIf(status = 'REVOKED') FROM " + DB
                    + ".case_facts FINAL", "4\t2");
            assertThat(ClickHouse.rows(connection, facts(DB, "SUP-R1"))).containsExactly(
                    "COMPLETED\t4\t1\t2025-03-14 16:00:00.000\tnull\t2025-03-10 16:00:00.000\tnull");
            assertThat(ratings(connection, DB, "2025-01-01", "2025-12-31")).isEqualTo("5\t5\t0\t0\t4");
            assertThat(ratings(connection, DB, "2025-03-15", "2025-03-15")).isEqualTo("4\t4\t0\t0\t4");
            assertThat(revocations(connection, DB)).isEqualTo("2\t2\t0");
        }

        // the applicants had rated in time (03-12; R5 at the deadline itself), recorded only now
        commandSide.step("SUP-R1", "rate", rate("2025-03-12T10:00:00+08:00", 2));
        commandSide.step("SUP-R2", "rate", rate("2025-03-12T11:00:00+08:00", 3));
        commandSide.step("SUP-R3", "rate", rate("2025-03-12T12:00:00+08:00", 5));
        commandSide.step("SUP-R5", "rate", rate("2025-03-15T00:00:00+08:00", 4));
        // a case is rated once: a second real rating is refused
        assertThat(commandSide.send("POST", "/api/cases/SUP-R1/rate", "agency",
                rate("2025-03-12T13:00:00+08:00", 5)).statusCode()).isEqualTo(409);
        // V1's materials had arrived 04-03 15:00, before the deadline
        commandSide.step("SUP-V1", "correct", "{\"at\":\"2025-04-03T15:00:00+08:00\",\"items\":[\"营业执照副本\"]}");

        List<String> dump;
        try (Connection connection = ClickHouse.connect(clickHouse)) {
            eventually(connection, "SELECT countIf(rating_defaulted = 1), countIf(status = 'REVOKED') FROM " + DB
                    + ".case_facts FINAL", "0\t1");
            assertThat(ClickHouse.rows(connection, facts(DB, "SUP-R1"))).containsExactly(
                    "COMPLETED\t2\t0\t2025-03-12 02:00:00.000\tnull\t2025-03-10 16:00:00.000\tnull");
            assertThat(ClickHouse.rows(connection, facts(DB, "SUP-R5"))).containsExactly(
                    "COMPLETED\t4\t0\t2025-03-14 16:00:00.000\tnull\t2025-03-10 16:00:00.000\tnull");
            // after: R1 2, R2 3, R3 5 on 03-12, R4 5 on 03-08, R5 4 on 03-15; no default anywhere
            assertThat(ratings(connection, DB, "2025-01-01", "2025-12-31")).isEqualTo("5\t3\t1\t1\t0");
            assertThat(ratings(connection, DB, "2025-03-15", "2025-03-15")).isEqualTo("1\t1\t0\t0\t0");
            assertThat(ratings(connection, DB, "2025-03-12", "2025-03-12")).isEqualTo("3\t1\t1\t1\t0");
            assertThat(ratings(connection, DB, "2025-03-13", "2025-03-31")).isEqualTo("1\t1\t0\t0\t0");

            // V1 is accepted again with its due date; open and overdue, warned as any open case
            assertThat(ClickHouse.rows(connection, facts(DB, "SUP-V1"))).containsExactly(
                    "ACCEPTED\tnull\tnull\tnull\tnull\t2025-04-09 16:00:00.000\t2025-04-03 07:00:00.000");
            assertThat(revocations(connection, DB)).isEqualTo("1\t1\t1");
            eventually(connection, "SELECT case_id, level, toString(due_at) FROM " + DB + ".case_alerts FINAL"
                    + " ORDER BY case_id, level", "SUP-V1\tRED\t2025-04-09 16:00:00.000\nSUP-V1\tYELLOW\t2025-04-09 16:00:00.000");
            dump = ClickHouse.dump(connection, DB);
        }

        // a replay from the start republishes every event: the job drops them as already applied
        long published = kafka.lag(TOPIC, "nobody");
        commandSide.call("POST", "/api/admin/publisher/replay", "admin", "{}");
        CommandSide.await("the replay to be published", PATIENCE, () -> kafka.lag(TOPIC, "nobody") == 2 * published);
        CommandSide.await("the job to read it", PATIENCE, () -> kafka.lag(TOPIC, "streaming-supersession") == 0);
        // and a new job reading the whole topic (events and replay) into an empty database builds the same
        rebuild = startJob("rebuild", REBUILT);
        try (Connection connection = ClickHouse.connect(clickHouse)) {
            CommandSide.await("the rebuild to read the topic", PATIENCE,
                    () -> kafka.lag(TOPIC, "streaming-rebuild") == 0);
            eventually(connection, "SELECT count() FROM " + REBUILT + ".case_alerts FINAL", "2");
            assertThat(ClickHouse.dump(connection, DB)).isEqualTo(dump);
            assertThat(ClickHouse.dump(connection, REBUILT)).isEqualTo(dump);
            assertThat(ratings(connection, REBUILT, "2025-03-15", "2025-03-15")).isEqualTo("1\t1\t0\t0\t0");
        }
    }
}
