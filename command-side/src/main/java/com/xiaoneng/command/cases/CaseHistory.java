package com.xiaoneng.command.cases;

import com.xiaoneng.events.CaseEvent;
import com.xiaoneng.events.EventEnvelope;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads a case's stored events back, in order, in the contract's envelope form. */
@Component
public class CaseHistory {
    private final EventStore eventStore;

    public CaseHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<EventEnvelope> events(String caseId) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        eventStore.readEvents(caseId).asStream().forEach(message -> envelopes.add(toEnvelope(message)));
        if (envelopes.isEmpty()) {
            throw new UnknownCaseException(caseId);
        }
        return envelopes;
    }

    public CaseView state(String caseId) {
        return CaseView.of(events(caseId).stream().map(EventEnvelope::data).toList());
    }

    public static EventEnvelope toEnvelope(DomainEventMessage<?> message) {
        return EventEnvelope.of(UUID.fromString(message.getIdentifier()), message.getSequenceNumber(),
                message.getTimestamp(), (CaseEvent) message.getPayload());
    }

    /** No case with this id in the event store. */
    public static class UnknownCaseException extends RuntimeException {
        public UnknownCaseException(String caseId) {
            super("no case " + caseId);
        }
    }
}
