package com.xiaoneng.events;

import java.time.Instant;
import java.util.UUID;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/**
 * The wire form of a stored event (docs/events.md): identity and order from the event store around
 * the payload. {@code sequence} counts a case's events from 0, without gaps.
 */
public record EventEnvelope(
        int schemaVersion,
        UUID eventId,
        String type,
        String caseId,
        long sequence,
        Instant occurredAt,
        Instant recordedAt,
        CaseEvent data) {

    /** Written by this version; version 1 (without the supersession events) is still read. */
    public static final int SCHEMA_VERSION = 2;
    private static final int OLDEST_READ_VERSION = 1;

    public EventEnvelope {
        if (schemaVersion < OLDEST_READ_VERSION || schemaVersion > SCHEMA_VERSION) {
            throw new InvalidEventException("unsupported schemaVersion " + schemaVersion);
        }
        required(eventId, "eventId");
        text(type, "type");
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        required(recordedAt, "recordedAt");
        required(data, "data");
        if (sequence < 0) {
            throw new InvalidEventException("sequence must be >= 0");
        }
        if (!type.equals(data.type())) {
            throw new InvalidEventException("type " + type + " does not match data of type " + data.type());
        }
        if (schemaVersion == 1 && (data instanceof DefaultRatingSuperseded || data instanceof AcceptanceReinstated)) {
            throw new InvalidEventException(type + " needs schemaVersion 2");
        }
        if (!caseId.equals(data.caseId())) {
            throw new InvalidEventException("caseId does not match data.caseId");
        }
    }

    public static EventEnvelope of(UUID eventId, long sequence, Instant recordedAt, CaseEvent data) {
        return new EventEnvelope(SCHEMA_VERSION, eventId, data.type(), data.caseId(), sequence, data.occurredAt(),
                recordedAt, data);
    }
}
