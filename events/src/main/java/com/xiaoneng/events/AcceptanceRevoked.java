package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/**
 * 撤销受理. {@code automatic} when the system revoked a deficiency acceptance at its correction
 * deadline; {@code occurredAt} is then that deadline.
 */
public record AcceptanceRevoked(String caseId, Instant occurredAt, String reason, boolean automatic) implements CaseEvent {
    public AcceptanceRevoked {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        text(reason, "reason");
    }
}
