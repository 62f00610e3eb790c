package com.xiaoneng.command.cases;

import com.xiaoneng.events.AcceptanceReinstated;
import com.xiaoneng.events.AcceptanceRevoked;
import com.xiaoneng.events.BadRatingRectified;
import com.xiaoneng.events.CaseAccepted;
import com.xiaoneng.events.CaseCompleted;
import com.xiaoneng.events.CaseCorrected;
import com.xiaoneng.events.CaseEvent;
import com.xiaoneng.events.CaseExtended;
import com.xiaoneng.events.CaseNotAccepted;
import com.xiaoneng.events.CaseRated;
import com.xiaoneng.events.CaseResumed;
import com.xiaoneng.events.CaseStatus;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.CaseSuspended;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.events.DefaultRatingSuperseded;
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
        Builder b = new Builder();
        events.forEach(b::apply);
        return b.build(events.size() - 1L);
    }

    private static final class Builder {
        String caseId;
        CaseStatus status;
        String itemCode;
        Integer itemVersion;
        String itemName;
        String agencyCode;
        String acceptingRegion;
        String handlingRegion;
        CrossRegionMode mode;
        Instant submittedAt;
        Instant acceptedAt;
        Instant dueAt;
        boolean dueProvisional;
        Instant correctionDueAt;
        Instant reinstatedAt;
        Instant completedAt;
        Instant supersededDefaultAt;
        Outcome outcome;
        Boolean onTime;
        Rating rating;

        void apply(CaseEvent event) {
            if (event instanceof CaseSubmitted e) {
                caseId = e.caseId();
                status = CaseStatus.SUBMITTED;
                itemCode = e.itemCode();
                itemVersion = e.itemVersion();
                itemName = e.itemName();
                agencyCode = e.agencyCode();
                acceptingRegion = e.acceptingRegion();
                handlingRegion = e.handlingRegion();
                mode = e.crossRegionMode();
                submittedAt = e.occurredAt();
            } else if (event instanceof CaseAccepted e) {
                status = CaseStatus.ACCEPTED;
                itemVersion = e.itemVersion();
                acceptedAt = e.occurredAt();
                dueAt = e.dueAt();
                dueProvisional = e.dueProvisional();
                correctionDueAt = e.deficiency() == null ? null : e.deficiency().correctionDueAt();
            } else if (event instanceof CaseNotAccepted) {
                status = CaseStatus.NOT_ACCEPTED;
            } else if (event instanceof CaseCorrected) {
                correctionDueAt = null;
            } else if (event instanceof AcceptanceRevoked) {
                status = CaseStatus.REVOKED;
                correctionDueAt = null;
            } else if (event instanceof AcceptanceReinstated e) {
                status = CaseStatus.ACCEPTED;
                reinstatedAt = e.occurredAt();
                dueAt = e.dueAt();
                dueProvisional = e.dueProvisional();
            } else if (event instanceof CaseSuspended) {
                status = CaseStatus.SUSPENDED;
            } else if (event instanceof CaseResumed e) {
                status = CaseStatus.ACCEPTED;
                dueAt = e.dueAt();
                dueProvisional |= e.dueProvisional();
            } else if (event instanceof CaseExtended e) {
                dueAt = e.dueAt();
                dueProvisional |= e.dueProvisional();
            } else if (event instanceof CaseCompleted e) {
                status = CaseStatus.COMPLETED;
                completedAt = e.occurredAt();
                outcome = e.outcome();
                onTime = e.onTime();
                correctionDueAt = null;
            } else if (event instanceof DefaultRatingSuperseded e) {
                rating = null;
                supersededDefaultAt = e.supersededRatedAt();
            } else if (event instanceof CaseRated e) {
                rating = new Rating(e.score(), e.occurredAt(), e.defaulted(), e.rectificationDueAt(), null, null,
                        supersededDefaultAt);
            } else if (event instanceof BadRatingRectified e) {
                rating = new Rating(rating.score(), rating.ratedAt(), rating.defaulted(), rating.rectificationDueAt(),
                        e.occurredAt(), e.onTime(), rating.supersededDefaultAt());
            }
        }

        CaseView build(long lastSequence) {
            return new CaseView(caseId, status, itemCode, itemVersion, itemName, agencyCode, acceptingRegion,
                    handlingRegion, mode, submittedAt, acceptedAt, dueAt, dueProvisional, correctionDueAt, reinstatedAt, completedAt,
                    outcome, onTime, rating, lastSequence);
        }
    }
}
