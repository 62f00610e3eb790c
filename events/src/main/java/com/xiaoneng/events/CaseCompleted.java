package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/** 办结. {@code onTime}: completed at or before {@code dueAt}, the due instant then in force. */
public record CaseCompleted(String caseId, Instant occurredAt, Outcome outcome, String reason, Instant dueAt,
                            boolean onTime) implements CaseEvent {
    public CaseCompleted {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        required(outcome, "outcome");
        required(dueAt, "dueAt");
        if (outcome != Outcome.APPROVED) {
            text(reason, "reason");
        }
    }
}
