package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/** 不予受理 / 告知转办; {@code referTo} names the competent body when known (Art. 18 (2)(5)). */
public record CaseNotAccepted(String caseId, Instant occurredAt, String reason, String referTo) implements CaseEvent {
    public CaseNotAccepted {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        text(reason, "reason");
    }
}
