package com.xiaoneng.streaming.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.localstack.kafka.KafkaBroker;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.counts.Counter;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.clickhouse.CounterSql;
import com.xiaoneng.streaming.testing.CaseStory;
import com.xiaoneng.streaming.testing.ClickHouse;
import com.xiaoneng.streaming.testing.Counts;
import com.xiaoneng.streaming.testing.Kafka;
import com.xiaoneng.streaming.testing.SampleCases;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job as deployed, Kafka to ClickHouse, against local-stack's real broker and chDB endpoint:
 * dead letters, replays and duplicates, a restart from a checkpoint and a ClickHouse outage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineIT.class);
    private static final Duration SETTLE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static KafkaBroker broker;
    static ClickHouseEndpoint clickHouse;
    static Kafka kafka;
    static List<CaseStory> stories;
    static List<EventEnvelope> events;
    static List<String> cleanDump;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0, Kafka.topics("events-clean:3", "dlq-clean:1", "alerts-clean:1",
                "events-fault:3", "dlq-fault:1", "alerts-fault:1"));
        clickHouse = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("clickhouse"), 0, "default", "");
        kafka = new Kafka(broker.bootstrapServers());
        stories = SampleCases.generate(400, 7, LocalDate.parse("2025-03-03"), 90);
        events = SampleCases.inRecordedOrder(stories);
    }

    @AfterAll
    static void stop() {
        kafka.close();
        clickHouse.close();
        broker.close();
    }

    private static StreamingConfig config(String name, Path checkpoints) {
        return config(broker, clickHouse, name, checkpoints);
    }

    /** The job on topics {@code events-<name>}, {@code dlq-<name>}, {@code alerts-<name>} and database {@code xn_<name>}. */
    static StreamingConfig config(KafkaBroker broker, ClickHouseEndpoint clickHouse, String name, Path checkpoints) {
        return StreamingConfig.from(new String[] {
                "--kafka-bootstrap-servers", broker.bootstrapServers(),
                "--topic", "events-" + name, "--dlq-topic", "dlq-" + name, "--alerts-topic", "alerts-" + name,
                "--group-id", "streaming-" + name,
                "--clickhouse-url", clickHouse.url(), "--clickhouse-database", "xn_" + name,
                "--clickhouse-flush-interval", "0.2s",
                "--checkpoint-interval", "1s", "--checkpoint-dir", checkpoints.toString(),
                "--parallelism", "2", "--warning-settle", SETTLE.getSeconds() + "s"}, Map.of());
    }

    static JobClient startJob(StreamingConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamingMain.environment(config);
        CaseStreamJob.attach(StreamingMain.kafkaMessages(env, config), StreamingMain.sinks(config), config.warningRule(),
                config.gapTimeout(), config.warningSettle());
        return env.executeAsync("pipeline test " + config.topic());
    }

    /** What the stories fold to, computed apart from the job: case count and expected warnings. */
    private static long expectedAlerts() {
        long open = 0;
        for (CaseStory story : stories) {
            CaseState state = CaseState.of(story.caseId());
            story.events().forEach(e -> state.apply(e, WorkingDayCalendar.shipped()));
            open += state.warnable() ? 1 : 0;
        }
        return 2 * open;
    }

    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }

    private static void awaitComplete(Connection connection, String name) throws Exception {
        String db = "xn_" + name;
        long alerts = expectedAlerts();
        await("the job to catch up with " + name, Duration.ofSeconds(180), () ->
                kafka.lag("events-" + name, "streaming-" + name) == 0
                        && ClickHouse.count(connection, "SELECT count() FROM " + db + ".case_events FINAL") == events.size()
                        && ClickHouse.count(connection, "SELECT count() FROM " + db + ".case_alerts FINAL") == alerts
                        // the counters land once their checkpoint completes
                        && Counts.mismatches(connection, db).isEmpty());
        assertThat(Counts.total(connection, db, "case_counts", Counter.SUBMITTED)).isEqualTo(stories.size());
    }

    @Test
    @Order(1)
    void duplicatesAndReplaysChangeNothingAndBadMessagesGoToTheDeadLetterTopic() throws Exception {
        try (Connection connection = ClickHouse.connect(clickHouse)) {
            ClickHouseMigrations.apply(connection, "xn_clean");
            List<EventEnvelope> twice = new ArrayList<>();
            events.forEach(e -> {
                twice.add(e);
                twice.add(e);
            });
            kafka.publish("events-clean", twice);
            String good = EventJson.write(stories.get(0).events().get(0));
            kafka.publishRaw("events-clean", "bad-1", "{\"schemaVersion\": 1, \"type\": ");
            kafka.publishRaw("events-clean", stories.get(0).caseId(), good.replace("\"CaseSubmitted\"", "\"CaseTeleported\""));
            String rated = stories.stream().flatMap(s -> s.events().stream()).filter(e -> e.type().equals("CaseRated"))
                    .map(EventJson::write).findFirst().orElseThrow();
            kafka.publishRaw("events-clean", "bad-3", rated.replaceFirst("\"score\":\\d", "\"score\":7"));

            JobClient job = startJob(config("clean", dir.resolve("checkpoints-clean")));
            try {
                awaitComplete(connection, "clean");
                cleanDump = ClickHouse.dump(connection, "xn_clean");
                List<String> deadLetters = kafka.read("dlq-clean", 3, Duration.ofSeconds(30));
                assertThat(deadLetters).hasSize(3);
                List<String> reasons = new ArrayList<>();
                for (String letter : deadLetters) {
                    JsonNode json = EventJson.mapper().readTree(letter);
                    assertThat(json.get("topic").asText()).isEqualTo("events-clean");
                    assertThat(json.has("offset")).isTrue();
                    assertThat(json.get("payload").asText()).isNotEmpty();
                    reasons.add(json.get("reason").asText());
                }
                assertThat(reasons).anyMatch(r -> r.startsWith("not JSON"))
                        .anyMatch(r -> r.contains("unknown event type CaseTeleported"))
                        .anyMatch(r -> r.contains("score must be in 1..5"));

                // the whole stream again, as a replay from the event store publishes it
                kafka.publish("events-clean", events);
                await("the replay to be read", Duration.ofSeconds(120),
                        () -> kafka.lag("events-clean", "streaming-clean") == 0);
                Thread.sleep(2_000);
                assertThat(ClickHouse.dump(connection, "xn_clean")).isEqualTo(cleanDump);
                assertThat(Counts.mismatches(connection, "xn_clean")).isEmpty();
            } finally {
                job.cancel().get();
            }
            assertThat(ClickHouse.count(connection, "SELECT count() FROM xn_clean.case_facts FINAL")).isEqualTo(stories.size());
            assertThat(ClickHouse.count(connection, "SELECT sum(submitted) FROM xn_clean.case_counts"))
                    .isEqualTo(stories.size());
            long completed = events.stream().filter(e -> e.type().equals("CaseCompleted")).count();
            assertThat(ClickHouse.count(connection, "SELECT sum(completed) FROM xn_clean.case_counts_by_region"))
                    .isEqualTo(completed);

            // the upgrade's rebuild (RebuildCounts) from case_facts alone gives the sums the job wrote; a second
            // rebuild is refused, as it would double them
            ClickHouseMigrations.apply(connection, "xn_rebuilt");
            connection.createStatement().execute("INSERT INTO xn_rebuilt.case_facts SELECT * FROM xn_clean.case_facts");
            CounterSql.rebuild(connection, "xn_rebuilt");
            assertThat(ClickHouse.sums(connection, "xn_rebuilt")).isEqualTo(ClickHouse.sums(connection, "xn_clean"));
            assertThatThrownBy(() -> CounterSql.rebuild(connection, "xn_rebuilt"))
                    .hasMessageContaining("rebuilding would double its sums");
        }
    }

    @Test
    @Order(2)
    void survivesAJobRestartFromItsCheckpointAndAClickHouseOutage() throws Exception {
        Path checkpoints = dir.resolve("checkpoints-fault");
        StreamingConfig config = config("fault", checkpoints);
        int half = events.size() * 6 / 10;
        try (Connection connection = ClickHouse.connect(clickHouse)) {
            ClickHouseMigrations.apply(connection, "xn_fault");
        }
        kafka.publish("events-fault", events.subList(0, half));

        JobClient first = startJob(config);
        await("a checkpoint with data", Duration.ofSeconds(60), () -> LocalRecovery.latestCheckpoint(checkpoints).isPresent()
                && kafka.lag("events-fault", "streaming-fault") < half);
        first.cancel().get();
        LOG.info("first run cancelled at {}", LocalRecovery.latestCheckpoint(checkpoints).orElseThrow());

        int port = clickHouse.port();
        clickHouse.stop();
        kafka.publish("events-fault", events.subList(half, events.size()));
        kafka.publish("events-fault", events.subList(half / 2, half));
        JobClient second = startJob(config);
        try {
            Thread.sleep(6_000);
            assertThat(second.getJobStatus().get().isGloballyTerminalState()).isFalse();
            clickHouse = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("clickhouse"), port,
                    "default", "");
            try (Connection connection = ClickHouse.connect(clickHouse)) {
                awaitComplete(connection, "fault");
                Thread.sleep(2_000);
                List<String> dump = ClickHouse.dump(connection, "xn_fault");
                assertThat(Counts.mismatches(connection, "xn_fault")).isEmpty();
                assertThat(dump).hasSizeGreaterThan(events.size());
                if (cleanDump != null) {
                    assertThat(dump).isEqualTo(cleanDump);
                }
            }
        } finally {
            second.cancel().get();
        }
        // the two runs' job folders, beside the file naming their state backend
        try (var entries = Files.list(checkpoints)) {
            assertThat(entries.map(entry -> entry.getFileName().toString()))
                    .hasSize(3).contains(LocalRecovery.BACKEND_FILE);
        }
    }
}
