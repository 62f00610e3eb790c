package com.xiaoneng.command.publishing;

import com.xiaoneng.command.CommandSideApplication;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.localstack.kafka.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher against a real Kafka broker (KRaft, from local-stack): every stored event reaches
 * `case-events` keyed by case, in order, with the applicant pseudonymized; commands go on while
 * Kafka is down and publishing catches up; a replay republishes everything.
 */
class KafkaPublisherTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SECRET = "test-secret-0123456789abcdef";
    static final String TOPIC = "case-events";

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
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response;
    }

    /** A case with four events, business times in the last hour. */
    static String caseWithFourEvents(String applicantId) throws Exception {
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = "PUB-" + UUID.randomUUID();
        send("POST", "/api/cases", """
                {"caseId":"%s","itemCode":"T-PUB-1","applicant":{"type":"PERSON","id":"%s"},"channel":"MOBILE",
                 "acceptingRegion":"110105","handlingRegion":"650102","submittedAt":"%s"}""".formatted(id, applicantId, t));
        send("POST", "/api/cases/" + id + "/accept", "{\"at\":\"" + t.plusSeconds(60) + "\"}");
        send("POST", "/api/cases/" + id + "/complete", "{\"at\":\"" + t.plusSeconds(120) + "\",\"outcome\":\"APPROVED\"}");
        send("POST", "/api/cases/" + id + "/rate", "{\"at\":\"" + t.plusSeconds(180) + "\",\"score\":5}");
        return id;
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
