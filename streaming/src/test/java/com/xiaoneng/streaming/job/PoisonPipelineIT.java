package com.xiaoneng.streaming.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.events.CaseExtended;
import com.xiaoneng.events.CaseNotAccepted;
import com.xiaoneng.events.CaseResumed;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.streaming.testing.CaseStory;
import com.xiaoneng.streaming.testing.ClickHouse;
import com.xiaoneng.streaming.testing.Kafka;
import com.xiaoneng.streaming.testing.PipelineServices;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bad message never stops the pipeline: through the job as deployed (local-stack's Kafka broker
 * and chDB endpoint), each kind of poison lands in the dead-letter topic with its reason, and a good
 * case published right after it reaches ClickHouse. One job serves every kind, to keep the run short.
 */
class PoisonPipelineIT {
    private static final String DB = "xn_poison";
    private static final String EVENTS = "events-poison";
    private static final String DLQ = "dlq-poison";

    @TempDir
    static Path dir;
    static PipelineServices services;
    static Kafka kafka;

    @BeforeAll
    static void start() {
        services = PipelineServices.start(dir, EVENTS + ":2", DLQ + ":1", "alerts-poison:1");
        kafka = services.kafka;
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    /** An event recorded at 2025-03-03 09:00 whatever its business time says: as another producer might send it. */
    private static EventEnvelope recordedNormally(long sequence, EventEnvelope event) {
        return EventEnvelope.of(UUID.randomUUID(), sequence, at("2025-03-03", 9), event.data());
    }

    @Test
    void everyKindOfPoisonGoesToTheDeadLettersAndTheNextGoodCaseStillArrives() throws Exception {
        try (Connection connection = ClickHouse.connect(services.clickHouse())) {
            ClickHouseMigrations.apply(connection, DB);
            // a row the job cannot foresee ClickHouse refusing: here a table rule, VIOLATED_CONSTRAINT
            connection.createStatement().execute("ALTER TABLE " + DB + ".case_events ADD CONSTRAINT refused_item"
                    + " CHECK item_code != 'ITEM-REFUSED'");

            JobClient job = PipelineIT.startJob(PipelineIT.config(services.broker, services.clickHouse(), "poison", dir.resolve("checkpoints")));
            try {
                List<String> reasons = new ArrayList<>();
                CaseSubmitted far = (CaseSubmitted) CaseStory.of("poison-far")
                        .submitted(Instant.parse("-999999999-01-01T00:00:00Z")).last().data();
                poison(connection, reasons, "far dates", 3,
                        EventEnvelope.of(UUID.randomUUID(), 0, at("2025-03-03", 9), far),
                        recordedNormally(0, CaseStory.of("poison-far").submitted(Instant.parse("0001-01-01T00:00:00Z")).last()),
                        CaseStory.of("poison-far").submitted(Instant.parse("2200-01-01T00:00:00Z")).last());
                assertThat(reasons).containsExactly(
                        "out of bounds: occurredAt at.too-early (occurredAt -999999999-01-01T00:00:00Z is before the earliest"
                                + " allowed time 1970-01-01T00:00:00Z)",
                        "out of bounds: occurredAt at.too-early (occurredAt 0001-01-01T00:00:00Z is before the earliest"
                                + " allowed time 1970-01-01T00:00:00Z)",
                        "out of bounds: recordedAt at.in-future (recordedAt 2200-01-01T00:00:00.005Z is more than 1440 minutes"
                                + " in the future)");

                CaseStory huge = CaseStory.of("poison-huge").submitted(at("2025-03-03", 8));
                poison(connection, reasons, "huge text", 1, huge.last(), EventEnvelope.of(UUID.randomUUID(), 1,
                        at("2025-03-03", 9), new CaseNotAccepted("poison-huge", at("2025-03-03", 8), "x".repeat(900_000), null)));
                assertThat(reasons.get(3)).startsWith("event.too-large: 900").endsWith(" bytes, at most 65536 are allowed");

                CaseStory overflow = CaseStory.of("poison-overflow").submitted(at("2025-03-03", 8))
                        .accepted(at("2025-03-03", 10), 5).suspended(at("2025-03-04", 10)).resumed(at("2025-03-05", 10));
                List<EventEnvelope> overflowing = new ArrayList<>(overflow.events());
                overflowing.add(EventEnvelope.of(UUID.randomUUID(), 4, at("2025-03-06", 11), new CaseExtended(
                        "poison-overflow", at("2025-03-06", 10), 10_000_000, "why", overflow.dueAt(), false)));
                overflowing.add(EventEnvelope.of(UUID.randomUUID(), 4, at("2025-03-06", 11), new CaseResumed(
                        "poison-overflow", at("2025-03-06", 10), Integer.MAX_VALUE, overflow.dueAt(), false)));
                poison(connection, reasons, "overflow", 2, overflowing.toArray(EventEnvelope[]::new));
                assertThat(reasons.subList(4, 6)).containsExactly(
                        "out of bounds: days days.range (days must be in 0..365, was 10000000)",
                        "ArithmeticException: integer overflow");

                poison(connection, reasons, "a row ClickHouse refuses", 1, CaseStory.of("poison-refused")
                        .submitted(at("2025-03-03", 9), "650102", "650102", Channel.ONLINE, "A-650100-01", "ITEM-REFUSED").last());
                assertThat(reasons.get(6)).startsWith("ClickHouse refused the row: Code: 469.").contains("refused_item");

                assertThat(kafka.read(DLQ, 8, Duration.ofSeconds(3))).hasSize(7);
                // what the job could use of the poisoned cases is there, and nothing else
                assertThat(ClickHouse.rows(connection, "SELECT case_id, count() FROM " + DB + ".case_events FINAL"
                        + " WHERE case_id LIKE 'poison-%' GROUP BY case_id ORDER BY case_id"))
                        .containsExactly("poison-huge\t1", "poison-overflow\t4");
                assertThat(ClickHouse.rows(connection, "SELECT case_id, extended_days, suspended_working_days FROM " + DB
                        + ".case_facts FINAL WHERE case_id IN ('poison-overflow', 'poison-refused') ORDER BY case_id"))
                        .containsExactly("poison-overflow\t0\t1", "poison-refused\t0\t0");
                assertThat(ClickHouse.count(connection, "SELECT count() FROM " + DB + ".case_events FINAL"
                        + " WHERE case_id LIKE 'good-%'")).isEqualTo(8);
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * Publishes {@code messages}, which hold {@code bad} poisons, then a good case; waits for the dead
     * letters and the good case's two rows, and adds the new dead letters' reasons to {@code reasons}.
     */
    private void poison(Connection connection, List<String> reasons, String kind, int bad, EventEnvelope... messages)
            throws Exception {
        kafka.publish(EVENTS, List.of(messages));
        String good = "good-" + reasons.size();
        kafka.publish(EVENTS, CaseStory.of(good).submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5).events());
        int expected = reasons.size() + bad;
        PipelineIT.await("the good case after " + kind, Duration.ofSeconds(60), () -> ClickHouse.count(connection,
                "SELECT count() FROM " + DB + ".case_events FINAL WHERE case_id = '" + good + "'") == 2);
        List<String> letters = kafka.read(DLQ, expected, Duration.ofSeconds(30));
        assertThat(letters).as("dead letters after " + kind).hasSize(expected);
        for (String letter : letters.subList(reasons.size(), expected)) {
            JsonNode json = EventJson.mapper().readTree(letter);
            assertThat(json.get("payload").asText()).isNotEmpty();
            reasons.add(json.get("reason").asText());
        }
    }
}
