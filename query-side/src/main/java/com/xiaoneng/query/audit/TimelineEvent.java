package com.xiaoneng.query.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One event of a case as stored in case_events; data is the event payload (applicant pseudonymised). */
public record TimelineEvent(long sequence, String type, Instant occurredAt, Instant recordedAt, JsonNode data) {
}
