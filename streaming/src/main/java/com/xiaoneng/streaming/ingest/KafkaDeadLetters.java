package com.xiaoneng.streaming.ingest;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.Serializable;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * The dead-letter topic for code that is not a Flink operator output (the ClickHouse sink's refused
 * rows): travels with the job graph and opens a producer where it runs. Records are as the job's
 * dead-letter sink writes them ({@link JsonRecordSerializer}, key = case id).
 */
public record KafkaDeadLetters(String bootstrapServers, String topic) implements Serializable {

    /** Sends one dead letter and returns once Kafka has it. */
    @FunctionalInterface
    public interface Sender extends AutoCloseable {
        void send(DeadLetter letter) throws IOException, InterruptedException;

        @Override
        default void close() {
        }
    }

    /** A sender whose producer is made on its first letter: refused rows are rare, sink writers many. */
    public Sender open() {
        JsonRecordSerializer<DeadLetter> serializer = new JsonRecordSerializer<>(topic, DeadLetter::key);
        return new Sender() {
            private KafkaProducer<byte[], byte[]> producer;

            @Override
            public void send(DeadLetter letter) throws IOException, InterruptedException {
                if (producer == null) {
                    producer = producer();
                }
                try {
                    // synchronous: the sink counts the row as handled, so the letter must be in Kafka first
                    producer.send(serializer.serialize(letter, null, null)).get();
                } catch (ExecutionException e) {
                    throw new IOException("cannot write a dead letter to " + topic, e.getCause());
                }
            }

            @Override
            public void close() {
                if (producer != null) {
                    producer.close();
                }
            }
        };
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
