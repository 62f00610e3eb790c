package com.xiaoneng.query.audit;

import java.time.Instant;

/** A bad rating (差评, score 1-2) and its rectification. */
public record PoorRatingRow(String caseId, int score, Instant ratedAt, Instant rectificationDueAt, Instant rectifiedAt,
                            Boolean rectifiedOnTime, String itemCode, String agencyCode, String handlingRegion) {
}
