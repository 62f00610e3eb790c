package com.xiaoneng.events;

import java.time.Instant;
import java.util.List;

import static com.xiaoneng.events.Checks.list;
import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/** 补正: the applicant supplied or corrected materials. */
public record CaseCorrected(String caseId, Instant occurredAt, List<String> items) implements CaseEvent {
    public CaseCorrected {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        items = list(items, "items");
    }
}
