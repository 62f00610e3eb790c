package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/** The clock runs again; the due date moved by the working days suspended. */
public record CaseResumed(String caseId, Instant occurredAt, int suspendedWorkingDays, Instant dueAt,
                          boolean dueProvisional) implements CaseEvent {
    public CaseResumed {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        required(dueAt, "dueAt");
        if (suspendedWorkingDays < 0) {
            throw new InvalidEventException("suspendedWorkingDays must be >= 0");
        }
    }
}
