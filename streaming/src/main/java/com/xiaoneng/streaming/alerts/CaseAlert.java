package com.xiaoneng.streaming.alerts;

import java.time.Instant;

/**
 * A supervision warning, sent once per case, level and due date. {@code warnAt} is the rule's
 * threshold instant (deterministic, so replays produce the same row); {@code emittedAt} the
 * wall-clock time the job raised it.
 */
public record CaseAlert(
        String caseId,
        AlertLevel level,
        Instant dueAt,
        Instant warnAt,
        Instant emittedAt,
        Instant acceptedAt,
        int allowedWorkingDays,
        String handlingRegion,
        String agencyCode,
        String itemCode) {
}
