package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.range;
import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/**
 * The applicant's own rating, recorded late but given at or before the rating deadline, replaces the
 * automatic 满意: from here on the default counts nowhere. The {@link CaseRated} with the real score
 * follows at once. {@code occurredAt} is the real rating's time; {@code supersededRatedAt} and
 * {@code supersededScore} identify the default that no longer counts (readers subtract it where it
 * was counted, on its own day).
 */
public record DefaultRatingSuperseded(String caseId, Instant occurredAt, Instant supersededRatedAt, int supersededScore)
        implements CaseEvent {
    public DefaultRatingSuperseded {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        required(supersededRatedAt, "supersededRatedAt");
        range(supersededScore, 1, 5, "supersededScore");
        if (occurredAt.isAfter(supersededRatedAt)) {
            throw new InvalidEventException("occurredAt must not be after supersededRatedAt: only a rating given"
                    + " in time replaces the default");
        }
    }
}
