package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/** 差评整改 (Art. 42). {@code onTime}: at or before the rating's rectification deadline. */
public record BadRatingRectified(String caseId, Instant occurredAt, String measures, boolean onTime) implements CaseEvent {
    public BadRatingRectified {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        text(measures, "measures");
    }
}
