package com.xiaoneng.command.publishing;

import com.xiaoneng.command.cases.CaseHistory;
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.events.InvalidEventException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializationException;

/**
 * The Kafka record of a stored event: its contract envelope with the applicant pseudonymized, keyed by
 * case. An event that cannot become a record within the contract is refused here, before the producer.
 */
public final class EventRecords {
    private final String topic;
    private final Pseudonymizer pseudonymizer;

    public EventRecords(String topic, Pseudonymizer pseudonymizer) {
        this.topic = topic;
        this.pseudonymizer = pseudonymizer;
    }

    /** @throws RefusedRecordException when the stored event cannot be read or its envelope exceeds {@link Bounds#MAX_EVENT_BYTES} */
    public ProducerRecord<String, byte[]> of(DomainEventMessage<?> message) {
        EventEnvelope envelope = envelope(message);
        byte[] value = EventJson.writeBytes(envelope);
        if (value.length > Bounds.MAX_EVENT_BYTES) {
            throw new RefusedRecordException("event.too-large", "the event's envelope has " + value.length
                    + " bytes; the contract allows at most " + Bounds.MAX_EVENT_BYTES);
        }
        return new ProducerRecord<>(topic, envelope.caseId(), value);
    }

    private EventEnvelope envelope(DomainEventMessage<?> message) {
        EventEnvelope envelope;
        try {
            envelope = CaseHistory.toEnvelope(message);
        } catch (SerializationException e) {
            // the payload's class or constructor refused what is stored (e.g. an invariant added since)
            throw new RefusedRecordException("event.unreadable", "the stored event cannot be read" + contractReason(e));
        } catch (InvalidEventException | IllegalArgumentException e) {
            throw new RefusedRecordException("event.invalid", "the stored event breaks the contract: " + e.getMessage());
        }
        if (envelope.data() instanceof CaseSubmitted submitted) {
            envelope = EventEnvelope.of(envelope.eventId(), envelope.sequence(), envelope.recordedAt(),
                    submitted.withApplicantId(pseudonymizer.pseudonym(submitted.applicantId())));
        }
        return envelope;
    }

    /** The contract's own words when a record constructor refused the value; Jackson's would name classes. */
    private static String contractReason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidEventException) {
                return ": " + cause.getMessage();
            }
        }
        return "";
    }
}
