package com.xiaoneng.localstack.kafka;

import com.xiaoneng.localstack.LocalAddresses;
import com.xiaoneng.chdb.PortInUseException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerTest {

    @TempDir
    static Path sharedDir;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        Map<String, Integer> topics = new LinkedHashMap<>(KafkaBroker.DEFAULT_TOPICS);
        topics.put("ordering", 4);
        topics.put("idempotent", 2);
        topics.put("transactional", 2);
        broker = KafkaBroker.start(sharedDir.resolve("kafka"), 0, topics);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        InetAddress other = LocalAddresses.nonLoopback();
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(LocalAddresses.accepts(InetAddress.getLoopbackAddress(), broker.port())).isTrue();
        assertThat(LocalAddresses.accepts(other, broker.port())).isFalse();
    }

    @Test
    void createsTheConfiguredTopicsWithTheirPartitionCounts() throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer(broker, "describe", false)) {
            Map<String, Integer> partitions = new HashMap<>();
            consumer.listTopics(Duration.ofSeconds(10)).forEach((name, infos) -> partitions.put(name, infos.size()));
            assertThat(partitions).containsEntry("case-events", 6).containsEntry("case-alerts", 3)
                    .containsEntry("case-events-dlq", 1);
        }
    }

    @Test
    void keepsOrderPerKeyAcrossPartitions() throws Exception {
        List<String> keys = List.of("650100-1", "650200-2", "652300-3", "653100-4", "654000-5", "659001-6");
        int perKey = 50;
        Set<Integer> partitionsUsed = new HashSet<>();
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < perKey; i++) {
                for (String key : keys) {
                    sent.add(producer.send(new ProducerRecord<>("ordering", key, key + "#" + i)));
                }
            }
            for (var future : sent) {
                partitionsUsed.add(future.get().partition());
            }
        }
        assertThat(partitionsUsed).hasSizeGreaterThan(1);

        Map<String, List<Integer>> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, "ordering-" + UUID.randomUUID(), false)) {
            consumer.subscribe(List.of("ordering"));
            for (ConsumerRecord<String, String> r : pollAtLeast(consumer, keys.size() * perKey)) {
                assertThat(r.value()).startsWith(r.key() + "#");
                seen.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(Integer.parseInt(r.value().substring(r.value().indexOf('#') + 1)));
            }
        }
        assertThat(seen).hasSize(keys.size());
        seen.values().forEach(sequence -> assertThat(sequence).isSorted().hasSize(perKey));
    }

    @Test
    void idempotentProducerWithAcksAllWorks() throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = producer(broker, config)) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("idempotent", "k" + (i % 3), "v" + i)).get();
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer(broker, "idem-" + UUID.randomUUID(), false)) {
            consumer.subscribe(List.of("idempotent"));
            assertThat(pollAtLeast(consumer, 20)).hasSize(20);
        }
    }

    @Test
    void transactionalProducerCommitsAndAborts() throws Exception {
        // the transaction timeout Flink's exactly-once KafkaSink uses by default
        Map<String, Object> config = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID(),
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 3_600_000);
        try (KafkaProducer<String, String> producer = producer(broker, config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "a", "committed-1"));
            producer.send(new ProducerRecord<>("transactional", "b", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "a", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "c", "committed-3"));
            producer.commitTransaction();
        }
        try (KafkaConsumer<String, String> consumer = consumer(broker, "tx-" + UUID.randomUUID(), true)) {
            consumer.subscribe(List.of("transactional"));
            List<String> values = pollAtLeast(consumer, 3).stream().map(ConsumerRecord::value).toList();
            assertThat(values).containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3");
        }
    }

    @Test
    void producingToAnUnknownTopicFailsBecauseAutoCreateIsOff() {
        Map<String, Object> config = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        try (KafkaProducer<String, String> producer = producer(broker, config)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("no-such-topic", "k", "v")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("no-such-topic");
        }
        try (KafkaConsumer<String, String> consumer = consumer(broker, "check", false)) {
            assertThat(consumer.listTopics(Duration.ofSeconds(10))).doesNotContainKey("no-such-topic");
        }
    }

    @Test
    void keepsRecordsAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        Map<String, Integer> topics = Map.of("persisted", 2);
        KafkaBroker first = KafkaBroker.start(dir, 0, topics);
        try (first; KafkaProducer<String, String> producer = producer(first, Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("persisted", "k" + i, "v" + i)).get();
            }
        }
        try (KafkaBroker second = KafkaBroker.start(dir, 0, topics);
             KafkaConsumer<String, String> consumer = consumer(second, "restart", false)) {
            assertThat(second.port()).isNotEqualTo(0);
            consumer.subscribe(List.of("persisted"));
            List<String> values = pollAtLeast(consumer, 10).stream().map(ConsumerRecord::value).toList();
            assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        }
    }

    @Test
    void refusesAPortInUse(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> KafkaBroker.start(dir, taken.getLocalPort(), Map.of()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void parsesTopicSpecs() {
        assertThat(KafkaBroker.parseTopics(" case-events:6, case-alerts:3,case-events-dlq:1 ,plain"))
                .containsExactly(Map.entry("case-events", 6), Map.entry("case-alerts", 3),
                        Map.entry("case-events-dlq", 1), Map.entry("plain", 1));
        assertThatThrownBy(() -> KafkaBroker.parseTopics("x:zero")).isInstanceOf(IllegalArgumentException.class);
    }

    private static KafkaProducer<String, String> producer(KafkaBroker kafka, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker kafka, String group, boolean readCommitted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** Polls until {@code count} records arrived, then one more short poll to catch any unexpected extra. */
    private static List<ConsumerRecord<String, String>> pollAtLeast(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        return records;
    }
}
