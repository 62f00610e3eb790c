package com.xiaoneng.streaming.ingest;

/**
 * A Kafka record as read, before parsing: parsing happens after {@code keyBy(key)} so that a bad
 * message still reaches the dead-letter topic with its coordinates.
 */
public record RawMessage(String topic, int partition, long offset, String key, byte[] value) {
}
