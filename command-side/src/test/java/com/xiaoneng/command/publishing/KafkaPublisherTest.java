package com.xiaoneng.command.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.command.CommandSideApplication;
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.CaseResumed;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.CaseSuspended;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.localstack.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher against a real Kafka broker (KRaft, from local-stack): every stored event reaches
 * `case-events` keyed by case, in order, with the applicant pseudonymized; commands go on while
 * Kafka is down and publishing catches up; a replay republishes everything. An event whose record is
 * refused for itself (over the contract's size, over the broker's limit, unreadable) is set aside and
 * the rest flows on; an admin lists and republishes it.
 */
class KafkaPublisherTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SECRET = "test-secret-0123456789abcdef";
    static final String TOPIC = "case-events";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path dir;
    static int kafkaPort;
    static KafkaBroker broker;
    static ConfigurableApplicationContext app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("publisher-test");
        kafkaPort = freePort();
        broker = KafkaBroker.start(dir.resolve("kafka"), kafkaPort, Map.of(TOPIC, 3));
        app = new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--xiaoneng.embedded-postgres.data-dir=" + dir.resolve("postgres"),
                "--xiaoneng.embedded-postgres.port=" + freePort(),
                "--xiaoneng.catalog.seed-sample=false",
                "--xiaoneng.rules.default-rating-days=0",
                "--xiaoneng.publishing.enabled=true",
                "--xiaoneng.publishing.bootstrap-servers=" + broker.bootstrapServers(),
                "--xiaoneng.publishing.pseudonym-secret=" + SECRET);
        base = "http://127.0.0.1:" + app.getBean(Environment.class).getProperty("local.server.port");
        send("PUT", "/api/catalog/items/T-PUB-1", """
                {"name":"社会保障卡申领","type":"PUBLIC_SERVICE","legalBasis":"《中华人民共和国社会保险法》",
                 "agencyCode":"650100-RS","agencyName":"乌鲁木齐市人力资源和社会保障局","regionCode":"650100",
                 "statutoryLimitDays":20,"promisedLimitDays":5,"crossRegionScope":"CROSS_PROVINCE","feeYuan":0}""");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = call(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response;
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** A case with four events, business times in the last hour. */
    static String caseWithFourEvents(String applicantId) throws Exception {
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = acceptedCase(applicantId, t);
        send("POST", "/api/cases/" + id + "/complete", "{\"at\":\"" + t.plusSeconds(120) + "\",\"outcome\":\"APPROVED\"}");
        send("POST", "/api/cases/" + id + "/rate", "{\"at\":\"" + t.plusSeconds(180) + "\",\"score\":5}");
        return id;
    }

    /** A case submitted at {@code t} and accepted a minute later through the REST door: sequences 0 and 1. */
    static String acceptedCase(String applicantId, Instant t) throws Exception {
        String id = "PUB-" + UUID.randomUUID();
        send("POST", "/api/cases", """
                {"caseId":"%s","itemCode":"T-PUB-1","applicant":{"type":"PERSON","id":"%s"},"channel":"MOBILE",
                 "acceptingRegion":"110105","handlingRegion":"650102","submittedAt":"%s"}""".formatted(id, applicantId, t));
        send("POST", "/api/cases/" + id + "/accept", "{\"at\":\"" + t.plusSeconds(60) + "\"}");
        return id;
    }

    /**
     * Continues an accepted case past the doors, straight into the event store, as older versions stored such
     * events: a suspend with this reason (sequence 2), then a resume (3). Nothing else touches the case afterwards,
     * so its cached aggregate never has to see them. Returns the suspend's event id.
     */
    static String suspendAndResumeInTheStore(String caseId, Instant t, String reason) {
        EventStore store = app.getBean(EventStore.class);
        GenericDomainEventMessage<CaseSuspended> suspended = new GenericDomainEventMessage<>("ServiceCase", caseId, 2,
                new CaseSuspended(caseId, t.plusSeconds(120), "专家评审", reason));
        store.publish(suspended);
        store.publish(new GenericDomainEventMessage<>("ServiceCase", caseId, 3,
                new CaseResumed(caseId, t.plusSeconds(180), 0, t.plus(20, ChronoUnit.DAYS), false)));
        return suspended.getIdentifier();
    }

    static Map<String, List<Long>> sequencesByCase(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<Long>> sequences = new HashMap<>();
        records.forEach(r -> sequences.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(EventJson.read(r.value()).sequence()));
        return sequences;
    }

    static JsonNode setAside(String eventId, String state) throws Exception {
        HttpResponse<String> response = send("GET", "/api/admin/publisher/set-aside?size=200&state=" + state, null);
        for (JsonNode item : json(response).get("items")) {
            if (item.get("eventId").asText().equals(eventId)) {
                return item;
            }
        }
        return null;
    }

    static void setTopicLimit(Admin admin, String maxMessageBytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        AlterConfigOp op = maxMessageBytes == null
                ? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
        String expected = maxMessageBytes == null ? "1048588" : maxMessageBytes;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!expected.equals(admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic)
                .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value())) {
            assertThat(System.nanoTime()).as("topic limit %s applied", expected).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static List<ConsumerRecord<String, byte[]>> consume(KafkaConsumer<String, byte[]> consumer, Set<String> caseIds,
                                                        int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (records.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (caseIds.contains(record.key())) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    static KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    @Test
    void setsAsideWhatTheContractOrTheBrokerRefusesPublishesTheRestInOrderAndRepublishesOnRequest() throws Exception {
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // a suspend with a 1 MiB reason (the doors refuse it now; older stores hold such events)
        String big = acceptedCase("650102199001013001", t);
        String bigSuspend = suspendAndResumeInTheStore(big, t, "x".repeat(1 << 20));
        // a stored payload its record refuses to be read from (occurredAt missing)
        String unreadable = "PUB-" + UUID.randomUUID();
        String unreadableId = UUID.randomUUID().toString();
        app.getBean(JdbcTemplate.class).update("INSERT INTO domain_event_entry (event_identifier, meta_data, payload, "
                        + "payload_type, time_stamp, aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                unreadableId, "{}".getBytes(StandardCharsets.UTF_8),
                ("{\"caseId\":\"" + unreadable + "\",\"procedure\":\"p\",\"reason\":\"r\"}").getBytes(StandardCharsets.UTF_8),
                CaseSuspended.class.getName(), Instant.now().toString(), unreadable, "ServiceCase");
        // the traffic after them
        String after = caseWithFourEvents("650102199001013002");

        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = consume(consumer, Set.of(big, unreadable, after), 7);
            assertThat(sequencesByCase(records)).containsOnlyKeys(big, after)
                    .containsEntry(big, List.of(0L, 1L, 3L)).containsEntry(after, List.of(0L, 1L, 2L, 3L));
        }
        JsonNode bigRow = setAside(bigSuspend, "set-aside");
        assertThat(bigRow).as("set aside: %s", bigSuspend).isNotNull();
        assertThat(bigRow.get("caseId").asText()).isEqualTo(big);
        assertThat(bigRow.get("sequence").asLong()).isEqualTo(2);
        assertThat(bigRow.get("type").asText()).isEqualTo("CaseSuspended");
        assertThat(bigRow.get("globalIndex").asLong()).isPositive();
        assertThat(bigRow.get("rule").asText()).isEqualTo("event.too-large");
        assertThat(bigRow.get("reason").asText()).contains(String.valueOf(Bounds.MAX_EVENT_BYTES));
        assertThat(bigRow.get("setAsideAt").asText()).isNotBlank();
        assertThat(bigRow.get("republishedAt").isNull()).isTrue();
        JsonNode unreadableRow = setAside(unreadableId, "set-aside");
        assertThat(unreadableRow).isNotNull();
        assertThat(unreadableRow.get("rule").asText()).isEqualTo("event.unreadable");
        assertThat(unreadableRow.get("reason").asText()).contains("occurredAt is required").doesNotContain("com.xiaoneng");

        // the contract's bound does not move: republishing answers 409 with the reason
        HttpResponse<String> again = call("POST", "/api/admin/publisher/set-aside/" + bigSuspend + "/republish", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("rule").asText()).isEqualTo("event.too-large");
        assertThat(json(again).get("message").asText()).contains(String.valueOf(Bounds.MAX_EVENT_BYTES));
        HttpResponse<String> unknown = call("POST", "/api/admin/publisher/set-aside/" + UUID.randomUUID() + "/republish", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("field").asText()).isEqualTo("eventId");
        assertThat(json(unknown).get("rule").asText()).isEqualTo("set-aside.unknown");
        HttpResponse<String> badSize = call("GET", "/api/admin/publisher/set-aside?size=0", null);
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(json(badSize).get("field").asText()).isEqualTo("size");

        // within the contract but over the broker's limit (a topic lowered to 4 KiB): the broker refuses it
        String refused;
        String refusedSuspend;
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            setTopicLimit(admin, "4096");
            try {
                refused = acceptedCase("650102199001013003", t);
                refusedSuspend = suspendAndResumeInTheStore(refused, t, "长".repeat(Bounds.TEXT_LENGTH)); // 6 KB of UTF-8
                String next = caseWithFourEvents("650102199001013004");
                try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                    List<ConsumerRecord<String, byte[]>> records = consume(consumer, Set.of(refused, next), 7);
                    assertThat(sequencesByCase(records))
                            .containsEntry(refused, List.of(0L, 1L, 3L)).containsEntry(next, List.of(0L, 1L, 2L, 3L));
                }
                JsonNode refusedRow = setAside(refusedSuspend, "set-aside");
                assertThat(refusedRow).isNotNull();
                assertThat(refusedRow.get("rule").asText()).isEqualTo("record.too-large");
                HttpResponse<String> stillRefused = call("POST", "/api/admin/publisher/set-aside/" + refusedSuspend + "/republish", null);
                assertThat(stillRefused.statusCode()).as(stillRefused.body()).isEqualTo(409);
                assertThat(json(stillRefused).get("rule").asText()).isEqualTo("record.too-large");
            } finally {
                setTopicLimit(admin, null);
            }
        }
        // the limit raised again: the republish goes out, and the row says so
        HttpResponse<String> republished = send("POST", "/api/admin/publisher/set-aside/" + refusedSuspend + "/republish", null);
        assertThat(json(republished).get("status").asText()).isEqualTo("republished");
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = consume(consumer, Set.of(refused), 4);
            assertThat(records.stream().map(r -> EventJson.read(r.value()).eventId().toString())).contains(refusedSuspend);
        }
        assertThat(setAside(refusedSuspend, "set-aside")).isNull();
        assertThat(setAside(refusedSuspend, "all").get("republishedAt").asText()).isNotBlank();
        assertThat(setAside(refusedSuspend, "republished")).isNotNull();

        // the largest envelope the contract allows passes the producer and the broker (within the few bytes a
        // recording time's digits vary)
        String largest = acceptedCase("650102199001013005", t);
        int empty = EventJson.writeBytes(EventEnvelope.of(UUID.randomUUID(), 2, Instant.parse("2026-01-01T00:00:00.123456789Z"),
                new CaseSuspended(largest, t.plusSeconds(120), "专家评审", "x"))).length;
        String largestSuspend = suspendAndResumeInTheStore(largest, t, "x".repeat(Bounds.MAX_EVENT_BYTES - empty + 1));
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = consume(consumer, Set.of(largest), 4);
            assertThat(sequencesByCase(records)).containsEntry(largest, List.of(0L, 1L, 2L, 3L));
            assertThat(records.get(2).value().length).isBetween(Bounds.MAX_EVENT_BYTES - 16, Bounds.MAX_EVENT_BYTES);
        }
        assertThat(setAside(largestSuspend, "all")).isNull();
    }

    @Test
    void publishesEveryEventKeyedInOrderPseudonymizedThroughAnOutageAndOnReplay() throws Exception {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cases.add(caseWithFourEvents("65010219900101" + (1000 + i)));
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = consume(consumer, Set.copyOf(cases), 20);
            assertThat(records).hasSize(20);
            Map<String, List<Long>> sequences = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                EventEnvelope envelope = EventJson.read(record.value());
                assertThat(record.key()).isEqualTo(envelope.caseId());
                sequences.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(envelope.sequence());
                if (envelope.data() instanceof CaseSubmitted submitted) {
                    assertThat(submitted.applicantId()).doesNotStartWith("650102").hasSize(64);
                    assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("6501021990");
                }
            }
            sequences.values().forEach(seq -> assertThat(seq).containsExactly(0L, 1L, 2L, 3L));
            Pseudonymizer pseudonyms = new Pseudonymizer(SECRET.getBytes(StandardCharsets.UTF_8));
            Set<String> expected = java.util.stream.IntStream.range(1000, 1005)
                    .mapToObj(i -> pseudonyms.pseudonym("65010219900101" + i)).collect(Collectors.toSet());
            assertThat(records.stream().map(r -> EventJson.read(r.value()).data()).filter(CaseSubmitted.class::isInstance)
                    .map(e -> ((CaseSubmitted) e).applicantId()).collect(Collectors.toSet())).isEqualTo(expected);
        }

        // Kafka down: commands are still taken; publishing catches up when the broker is back
        broker.close();
        List<String> duringOutage = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            duringOutage.add(caseWithFourEvents("65010219900101" + (2000 + i)));
        }
        broker = KafkaBroker.start(dir.resolve("kafka"), kafkaPort, Map.of(TOPIC, 3));
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = consume(consumer, Set.copyOf(duringOutage), 12);
            assertThat(records.stream().map(r -> EventJson.read(r.value()).eventId()).distinct()).hasSize(12);
        }

        // a replay from a time no token can be made for is refused, and changes nothing
        for (String far : new String[] {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "1969-12-31T23:59:59Z"}) {
            HttpResponse<String> refused = call("POST", "/api/admin/publisher/replay", "{\"from\":\"" + far + "\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"from\"", "\"rule\":\"instant.range\"");
        }
        // replay from the start republishes every stored event again
        send("POST", "/api/admin/publisher/replay", "{}");
        Set<String> all = new java.util.HashSet<>(cases);
        all.addAll(duringOutage);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = consume(consumer, all, 64);
            assertThat(records.size()).isGreaterThanOrEqualTo(64);
            Map<UUID, Long> copies = records.stream().collect(Collectors.groupingBy(
                    r -> EventJson.read(r.value()).eventId(), Collectors.counting()));
            assertThat(copies).hasSize(32);
            assertThat(copies.values()).allMatch(n -> n >= 2);
        }
    }
}
