package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/**
 * 恢复受理: materials that reached the agency at or before the correction deadline, recorded after the
 * automatic revocation, reverse it. The case is ACCEPTED again with the due date it had
 * ({@code dueAt}, {@code dueProvisional}); the {@link CaseCorrected} follows at once.
 * {@code occurredAt} is the correction's time; {@code revokedAt} the reversed revocation's.
 */
public record AcceptanceReinstated(String caseId, Instant occurredAt, Instant revokedAt, Instant dueAt,
                                   boolean dueProvisional) implements CaseEvent {
    public AcceptanceReinstated {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        required(revokedAt, "revokedAt");
        required(dueAt, "dueAt");
        if (occurredAt.isAfter(revokedAt)) {
            throw new InvalidEventException("occurredAt must not be after revokedAt: only a correction made in time"
                    + " reverses the revocation");
        }
    }
}
