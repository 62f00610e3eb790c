package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.range;
import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/**
 * 好差评. {@code defaulted}: the automatic 满意 (4) given when the applicant did not rate in time;
 * {@code occurredAt} is then the rating deadline. A bad rating (1–2) carries its rectification deadline.
 */
public record CaseRated(String caseId, Instant occurredAt, int score, String comment, boolean defaulted,
                        Instant rectificationDueAt) implements CaseEvent {
    public CaseRated {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        range(score, 1, 5, "score");
        if (score <= 2) {
            required(rectificationDueAt, "rectificationDueAt");
        }
    }

    public boolean bad() {
        return score <= 2;
    }

    public boolean good() {
        return score >= 4;
    }
}
