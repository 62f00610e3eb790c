package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/** 延期, with the reason told in writing (Art. 19). */
public record CaseExtended(String caseId, Instant occurredAt, int days, String reason, Instant dueAt,
                           boolean dueProvisional) implements CaseEvent {
    public CaseExtended {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        text(reason, "reason");
        required(dueAt, "dueAt");
        if (days <= 0) {
            throw new InvalidEventException("days must be > 0");
        }
    }
}
