package com.xiaoneng.events;

import java.time.Instant;

/**
 * A step in the life of a service case (办件). Records are the payloads stored in the event store;
 * {@link EventEnvelope} adds the identity, sequence and recording time for transport.
 */
public sealed interface CaseEvent
        permits CaseSubmitted, CaseAccepted, CaseNotAccepted, CaseCorrected, AcceptanceRevoked,
        CaseSuspended, CaseResumed, CaseExtended, CaseCompleted, CaseRated, BadRatingRectified,
        DefaultRatingSuperseded, AcceptanceReinstated {

    String caseId();

    /** Business time: when the step happened, as reported by the recording system. */
    Instant occurredAt();

    /** The event's type name on the wire; stable across refactorings of the Java names. */
    default String type() {
        return getClass().getSimpleName();
    }
}
