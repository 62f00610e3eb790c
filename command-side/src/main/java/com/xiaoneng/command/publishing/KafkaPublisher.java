package com.xiaoneng.command.publishing;

import com.xiaoneng.command.cases.CaseHistory;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored case event to Kafka from a tracking processor. Records of one batch are sent
 * asynchronously and awaited before the batch's token is committed, so the token only moves past
 * events the broker acknowledged (at-least-once; per-case order from the key and the idempotent
 * producer). A failure rolls the batch back and the processor retries it with backoff.
 */
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {
    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING = KafkaPublisher.class.getName() + ".pending";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Pseudonymizer pseudonymizer;
    private final JdbcTemplate jdbc;

    public KafkaPublisher(Producer<String, byte[]> producer, String topic, Pseudonymizer pseudonymizer, JdbcTemplate jdbc) {
        this.producer = producer;
        this.topic = topic;
        this.pseudonymizer = pseudonymizer;
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(Object payload, DomainEventMessage<?> message) {
        EventEnvelope envelope = CaseHistory.toEnvelope(message);
        if (envelope.data() instanceof CaseSubmitted submitted) {
            envelope = EventEnvelope.of(envelope.eventId(), envelope.sequence(), envelope.recordedAt(),
                    submitted.withApplicantId(pseudonymizer.pseudonym(submitted.applicantId())));
        }
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, envelope.caseId(), EventJson.writeBytes(envelope)));
        pending().add(sent);
    }

    private List<Future<RecordMetadata>> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            // the batch's transaction only moves the token: losing its commit in a crash republishes a batch
            // (at-least-once anyway), while waiting for the WAL flush limited the publisher to a few hundred
            // events per second on a busy disk
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(futures));
            return futures;
        });
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> futures) {
        producer.flush();
        for (Future<RecordMetadata> future : futures) {
            try {
                future.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishingException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublishingException("Kafka did not acknowledge an event: " + e.getMessage(), e);
            }
        }
    }

    /** The broker did not take a batch; the processor will retry it. */
    public static class PublishingException extends RuntimeException {
        PublishingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
