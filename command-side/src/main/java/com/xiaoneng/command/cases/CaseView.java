package com.xiaoneng.command.cases;

import com.xiaoneng.events.CaseEvent;
import com.xiaoneng.events.CaseFacts;
import com.xiaoneng.events.CaseStatus;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.events.Outcome;

import java.time.Instant;
import java.util.List;

/** The current state of a case, folded from its stored events (GET /api/cases/{id}). */
public record CaseView(
        String caseId,
        CaseStatus status,
        String itemCode,
        Integer itemVersion,
        String itemName,
        String agencyCode,
        String acceptingRegion,
        String handlingRegion,
        CrossRegionMode crossRegionMode,
        Instant submittedAt,
        Instant acceptedAt,
        Instant dueAt,
        boolean dueProvisional,
        Instant correctionDueAt,
        Instant reinstatedAt,
        Instant completedAt,
        Outcome outcome,
        Boolean onTime,
        Rating rating,
        long lastSequence) {

    /** {@code supersededDefaultAt}: the deadline of the default rating this one replaced, if any. */
    public record Rating(int score, Instant ratedAt, boolean defaulted, Instant rectificationDueAt,
                         Instant rectifiedAt, Boolean rectifiedOnTime, Instant supersededDefaultAt) {
    }

    public static CaseView of(List<CaseEvent> events) {
        CaseFacts f = new CaseFacts();
        events.forEach(f::apply);
        Rating rating = f.ratingScore == null ? null : new Rating(f.ratingScore, f.ratedAt, f.ratingDefaulted,
                f.rectificationDueAt, f.rectifiedAt, f.rectifiedOnTime, f.supersededRatedAt);
        return new CaseView(f.caseId, f.status, f.itemCode, f.itemVersion, f.itemName, f.agencyCode, f.acceptingRegion,
                f.handlingRegion, f.crossRegionMode, f.submittedAt, f.acceptedAt, f.dueAt, f.dueProvisional,
                f.pendingCorrectionDueAt(), f.reinstatedAt, f.completedAt, f.outcome, f.onTime, rating,
                events.size() - 1L);
    }
}
