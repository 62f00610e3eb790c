package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/** 特别程序: the clock stops (hearing, testing, expert review…). */
public record CaseSuspended(String caseId, Instant occurredAt, String procedure, String reason) implements CaseEvent {
    public CaseSuspended {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        text(procedure, "procedure");
        text(reason, "reason");
    }
}
