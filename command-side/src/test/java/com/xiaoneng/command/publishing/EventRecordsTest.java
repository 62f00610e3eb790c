package com.xiaoneng.command.publishing;

import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.CaseSuspended;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract's size bound holds at the byte: the largest envelope it allows is a record, one byte more is refused. */
class EventRecordsTest {
    static final Instant AT = Instant.parse("2026-03-02T01:02:03.123456789Z");
    final EventRecords records = new EventRecords("case-events",
            new Pseudonymizer("test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));

    static GenericDomainEventMessage<CaseSuspended> suspended(UUID id, String reason) {
        return new GenericDomainEventMessage<>("ServiceCase", "REC-1", 2, new CaseSuspended("REC-1", AT, "专家评审", reason),
                MetaData.emptyInstance(), id.toString(), AT);
    }

    /** The reason that makes this event's envelope exactly {@code bytes} long (ASCII: one byte per character). */
    static String reasonFor(UUID id, int bytes) {
        int empty = EventJson.writeBytes(EventEnvelope.of(id, 2, AT, new CaseSuspended("REC-1", AT, "专家评审", "x"))).length;
        return "x".repeat(bytes - empty + 1);
    }

    @Test
    void theLargestEnvelopeTheContractAllowsIsARecordAndOneByteMoreIsRefused() {
        UUID id = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = records.of(suspended(id, reasonFor(id, Bounds.MAX_EVENT_BYTES)));
        assertThat(record.value()).hasSize(Bounds.MAX_EVENT_BYTES);
        assertThat(record.key()).isEqualTo("REC-1");
        assertThat(record.topic()).isEqualTo("case-events");
        assertThat(EventJson.read(record.value()).eventId()).isEqualTo(id);

        assertThatThrownBy(() -> records.of(suspended(id, reasonFor(id, Bounds.MAX_EVENT_BYTES + 1))))
                .isInstanceOfSatisfying(RefusedRecordException.class, e -> {
                    assertThat(e.rule()).isEqualTo("event.too-large");
                    assertThat(e.getMessage()).contains(String.valueOf(Bounds.MAX_EVENT_BYTES + 1))
                            .contains(String.valueOf(Bounds.MAX_EVENT_BYTES));
                });
    }

    /** The producer refuses a record whose size, as it estimates it, exceeds max.request.size. */
    @Test
    void theProducerTakesTheLargestEnvelopeUnderTheLongestKey() {
        byte[] key = "办".repeat(255).getBytes(StandardCharsets.UTF_8); // the event store's longest case id
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key, new byte[Bounds.MAX_EVENT_BYTES], Record.EMPTY_HEADERS);
        assertThat(PublishingConfig.MAX_REQUEST_BYTES).isGreaterThanOrEqualTo(size);
    }
}
