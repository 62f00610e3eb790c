package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/**
 * 受理. Fixes the guide version in force and the due date. {@code dueProvisional} is set when the
 * working-day calendar had no holiday data for a year the count crossed.
 */
public record CaseAccepted(
        String caseId,
        Instant occurredAt,
        int itemVersion,
        int statutoryLimitDays,
        int promisedLimitDays,
        Instant dueAt,
        boolean dueProvisional,
        Deficiency deficiency) implements CaseEvent {

    public CaseAccepted {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        required(dueAt, "dueAt");
        if (promisedLimitDays < 0 || promisedLimitDays > statutoryLimitDays) {
            throw new InvalidEventException("promisedLimitDays must be in 0..statutoryLimitDays");
        }
    }

    public boolean withDeficiency() {
        return deficiency != null;
    }
}
