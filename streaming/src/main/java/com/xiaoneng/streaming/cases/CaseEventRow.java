package com.xiaoneng.streaming.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.xiaoneng.events.AcceptanceReinstated;
import com.xiaoneng.events.BadRatingRectified;
import com.xiaoneng.events.CaseCompleted;
import com.xiaoneng.events.CaseRated;
import com.xiaoneng.events.DefaultRatingSuperseded;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;

import java.time.Instant;

/**
 * One applied event as stored in {@code case_events}: the envelope, the case's dimensions at that
 * point (so the rollup needs no join) and the few payload values the rollup aggregates. Dimensions
 * unknown because the case's CaseSubmitted was never seen are empty strings.
 *
 * <p>{@code ratingKey} identifies a rating in the rollup's sets: the case id for a case's first rating
 * (as every rating was keyed before schema V3, so old rollup rows stay valid) and {@code <caseId>/2} for
 * the real rating that replaced a default; a DefaultRatingSuperseded row carries the default's key (the
 * case id), which the rollup subtracts on the default's day. {@code supersedesAt} is the occurredAt of
 * the automatic event a DefaultRatingSuperseded or AcceptanceReinstated cancels.
 */
public record CaseEventRow(
        String eventId,
        String caseId,
        long sequence,
        String type,
        Instant occurredAt,
        Instant recordedAt,
        String handlingRegion,
        String acceptingRegion,
        String agencyCode,
        String itemCode,
        String channel,
        String crossRegionMode,
        String payload,
        Boolean onTime,
        Integer workingDays,
        Integer ratingScore,
        Boolean ratingDefaulted,
        Boolean rectifiedOnTime,
        String ratingKey,
        Instant supersedesAt) {

    /** The row for {@code envelope}, taken after it was applied to {@code state}. */
    public static CaseEventRow of(EventEnvelope envelope, CaseState state) {
        Boolean onTime = null;
        Integer workingDays = null;
        Integer score = null;
        Boolean defaulted = null;
        Boolean rectifiedOnTime = null;
        String ratingKey = "";
        Instant supersedesAt = null;
        if (envelope.data() instanceof CaseCompleted completed) {
            onTime = completed.onTime();
            workingDays = state.workingDaysToComplete;
        } else if (envelope.data() instanceof CaseRated rated) {
            score = rated.score();
            defaulted = rated.defaulted();
            ratingKey = !rated.defaulted() && state.supersededRatedAt != null
                    ? envelope.caseId() + "/2" : envelope.caseId();
        } else if (envelope.data() instanceof DefaultRatingSuperseded superseded) {
            ratingKey = envelope.caseId();
            supersedesAt = superseded.supersededRatedAt();
        } else if (envelope.data() instanceof AcceptanceReinstated reinstated) {
            supersedesAt = reinstated.revokedAt();
        } else if (envelope.data() instanceof BadRatingRectified rectified) {
            rectifiedOnTime = rectified.onTime();
        }
        return new CaseEventRow(envelope.eventId().toString(), envelope.caseId(), envelope.sequence(),
                envelope.type(), envelope.occurredAt(), envelope.recordedAt(),
                orEmpty(state.handlingRegion), orEmpty(state.acceptingRegion), orEmpty(state.agencyCode),
                orEmpty(state.itemCode), state.channel == null ? "" : state.channel.name(),
                state.crossRegionMode == null ? "" : state.crossRegionMode.name(),
                payloadJson(envelope), onTime, workingDays, score, defaulted, rectifiedOnTime, ratingKey, supersedesAt);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String payloadJson(EventEnvelope envelope) {
        try {
            return EventJson.mapper().writeValueAsString(envelope.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + envelope.type(), e);
        }
    }
}
