package com.xiaoneng.command.publishing;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored case event to Kafka from a tracking processor. Records of one batch are sent
 * asynchronously and awaited before the batch's token is committed, so the token only moves past
 * events the broker acknowledged (at-least-once; per-case order from the key and the idempotent
 * producer). A record refused for itself (too large, unreadable; {@link RefusedRecordException}) is set
 * aside in the batch's transaction instead, so the token moves past it; any other failure rolls the
 * batch back and the processor retries it with backoff.
 */
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {
    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING = KafkaPublisher.class.getName() + ".pending";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final Producer<String, byte[]> producer;
    private final EventRecords records;
    private final SetAsideStore setAside;
    private final JdbcTemplate jdbc;

    public KafkaPublisher(Producer<String, byte[]> producer, EventRecords records, SetAsideStore setAside, JdbcTemplate jdbc) {
        this.producer = producer;
        this.records = records;
        this.setAside = setAside;
        this.jdbc = jdbc;
    }

    /** The message, not its payload, as first parameter: a payload that cannot be read is set aside here, not in Axon. */
    @EventHandler
    public void on(DomainEventMessage<?> message, TrackingToken token) {
        Long globalIndex = token.position().isPresent() ? token.position().getAsLong() : null;
        List<Sent> pending = pending();
        try {
            pending.add(new Sent(message, globalIndex, producer.send(records.of(message))));
        } catch (RefusedRecordException refused) {
            setAside(message, globalIndex, refused);
        } catch (SerializationException e) {
            setAside(message, globalIndex, RefusedRecordException.of(e).orElseThrow());
        }
    }

    /**
     * Sends a set-aside event again, outside the processor, and waits for the broker.
     *
     * @throws RefusedRecordException when the record is refused again
     * @throws PublishingException    when the broker did not answer; trying later may work
     */
    RecordMetadata republish(DomainEventMessage<?> message) {
        try {
            return await(producer.send(records.of(message)));
        } catch (SerializationException e) {
            throw RefusedRecordException.of(e).orElseThrow();
        }
    }

    private record Sent(DomainEventMessage<?> message, Long globalIndex, Future<RecordMetadata> ack) {
    }

    private List<Sent> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            // the batch's transaction only moves the token and sets records aside: losing its commit in a crash
            // republishes a batch (at-least-once anyway), while waiting for the WAL flush limited the publisher to
            // a few hundred events per second on a busy disk
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
            List<Sent> sent = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(sent));
            return sent;
        });
    }

    private void awaitAcknowledgements(List<Sent> batch) {
        producer.flush();
        for (Sent sent : batch) {
            try {
                await(sent.ack());
            } catch (RefusedRecordException refused) {
                setAside(sent.message(), sent.globalIndex(), refused);
            }
        }
    }

    private static RecordMetadata await(Future<RecordMetadata> ack) {
        try {
            return ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishingException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            Optional<RefusedRecordException> refused = RefusedRecordException.of(e.getCause());
            throw refused.isPresent() ? refused.get()
                    : new PublishingException("Kafka did not acknowledge an event: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new PublishingException("Kafka did not acknowledge an event within " + ACK_TIMEOUT_SECONDS + " s", e);
        }
    }

    private void setAside(DomainEventMessage<?> message, Long globalIndex, RefusedRecordException refused) {
        LOG.warn("Set aside event {} of case {} (sequence {}, global index {}) instead of publishing it: {} ({})",
                message.getIdentifier(), message.getAggregateIdentifier(), message.getSequenceNumber(), globalIndex,
                refused.getMessage(), refused.rule());
        setAside.add(message, globalIndex, refused);
    }

    /** The broker did not take a batch; the processor will retry it. */
    public static class PublishingException extends RuntimeException {
        PublishingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
