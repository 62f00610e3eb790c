package com.xiaoneng.streaming.testing;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.AcceptanceReinstated;
import com.xiaoneng.events.AcceptanceRevoked;
import com.xiaoneng.events.ApplicantType;
import com.xiaoneng.events.BadRatingRectified;
import com.xiaoneng.events.CaseAccepted;
import com.xiaoneng.events.CaseCompleted;
import com.xiaoneng.events.CaseCorrected;
import com.xiaoneng.events.CaseEvent;
import com.xiaoneng.events.CaseExtended;
import com.xiaoneng.events.CaseNotAccepted;
import com.xiaoneng.events.CaseRated;
import com.xiaoneng.events.CaseResumed;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.CaseSuspended;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.DefaultRatingSuperseded;
import com.xiaoneng.events.Deficiency;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.regions.Regions;
import com.xiaoneng.streaming.ingest.RawMessage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds one case's events as the command side would store them: sequences from 0, due dates from the calendar. */
public final class CaseStory {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    private final String caseId;
    private final List<EventEnvelope> events = new ArrayList<>();
    private Instant dueAt;
    private Instant suspendedAt;
    private Instant revokedAt;
    private CaseRated rating;

    private CaseStory(String caseId) {
        this.caseId = caseId;
    }

    public static CaseStory of(String caseId) {
        return new CaseStory(caseId);
    }

    public String caseId() {
        return caseId;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public List<EventEnvelope> events() {
        return List.copyOf(events);
    }

    public EventEnvelope last() {
        return events.get(events.size() - 1);
    }

    public CaseStory submitted(Instant at, String acceptingRegion, String handlingRegion, Channel channel,
                               String agencyCode, String itemCode) {
        return add(new CaseSubmitted(caseId, at, itemCode, 1, "事项 " + itemCode, ItemType.LICENSE, agencyCode,
                "机关 " + agencyCode, ApplicantType.PERSON, "p-" + Integer.toHexString(caseId.hashCode()), channel,
                acceptingRegion, handlingRegion, Regions.crossRegionMode(acceptingRegion, handlingRegion)));
    }

    public CaseStory submitted(Instant at) {
        return submitted(at, "650102", "650102", Channel.ONLINE, "A-650100-01", "ITEM-001");
    }

    public CaseStory accepted(Instant at, int limitDays) {
        WorkingDayCalendar.Due due = CALENDAR.dueAfterAcceptance(at, limitDays);
        dueAt = due.instant();
        return add(new CaseAccepted(caseId, at, 1, limitDays, limitDays, dueAt, due.provisional(), null));
    }

    public CaseStory acceptedWithDeficiency(Instant at, int limitDays, int correctionDays) {
        WorkingDayCalendar.Due due = CALENDAR.dueAfterAcceptance(at, limitDays);
        dueAt = due.instant();
        Instant correctionDue = CALENDAR.dueAfterAcceptance(at, correctionDays).instant();
        return add(new CaseAccepted(caseId, at, 1, limitDays, limitDays, dueAt, due.provisional(),
                new Deficiency(List.of("身份证明"), correctionDays, correctionDue)));
    }

    public CaseStory notAccepted(Instant at) {
        return add(new CaseNotAccepted(caseId, at, "not on the item list", null));
    }

    public CaseStory corrected(Instant at) {
        return add(new CaseCorrected(caseId, at, List.of("身份证明")));
    }

    public CaseStory revoked(Instant at) {
        revokedAt = at;
        return add(new AcceptanceRevoked(caseId, at, "materials not supplied", true));
    }

    /** A correction made at {@code at} (not after the revocation) reverses it: AcceptanceReinstated, then CaseCorrected. */
    public CaseStory reinstated(Instant at) {
        add(new AcceptanceReinstated(caseId, at, revokedAt, dueAt, false));
        return corrected(at);
    }

    public CaseStory suspended(Instant at) {
        suspendedAt = at;
        return add(new CaseSuspended(caseId, at, "expert review", "专家评审"));
    }

    /** Resumes; the due date moves by the working days between suspension and resumption. */
    public CaseStory resumed(Instant at) {
        int days = CALENDAR.workingDaysBetween(WorkingDayCalendar.localDay(suspendedAt), WorkingDayCalendar.localDay(at));
        WorkingDayCalendar.Due due = CALENDAR.addWorkingDays(WorkingDayCalendar.dayEndingAt(dueAt), days);
        dueAt = due.instant();
        return add(new CaseResumed(caseId, at, days, dueAt, due.provisional()));
    }

    public CaseStory extended(Instant at, int days) {
        WorkingDayCalendar.Due due = CALENDAR.addWorkingDays(WorkingDayCalendar.dayEndingAt(dueAt), days);
        dueAt = due.instant();
        return add(new CaseExtended(caseId, at, days, "needs site inspection", dueAt, due.provisional()));
    }

    public CaseStory completed(Instant at, Outcome outcome) {
        return add(new CaseCompleted(caseId, at, outcome, outcome == Outcome.APPROVED ? null : "reasons and remedies",
                dueAt, !at.isAfter(dueAt)));
    }

    public CaseStory rated(Instant at, int score, boolean defaulted) {
        Instant rectificationDue = score <= 2
                ? CALENDAR.addWorkingDays(WorkingDayCalendar.localDay(at), 15).instant() : null;
        rating = new CaseRated(caseId, at, score, defaulted ? null : "评价", defaulted, rectificationDue);
        return add(rating);
    }

    /** The applicant's own rating given at {@code at} replaces the default: DefaultRatingSuperseded, then CaseRated. */
    public CaseStory supersededBy(Instant at, int score) {
        add(new DefaultRatingSuperseded(caseId, at, rating.occurredAt(), rating.score()));
        return rated(at, score, false);
    }

    public CaseStory rectified(Instant at, boolean onTime) {
        return add(new BadRatingRectified(caseId, at, "整改措施", onTime));
    }

    private CaseStory add(CaseEvent event) {
        long sequence = events.size();
        UUID eventId = UUID.nameUUIDFromBytes((caseId + "#" + sequence).getBytes(StandardCharsets.UTF_8));
        events.add(EventEnvelope.of(eventId, sequence, event.occurredAt().plusMillis(5), event));
        return this;
    }

    /** Local time in Asia/Shanghai, e.g. {@code at("2025-03-03", 10)}. */
    public static Instant at(String day, int hour) {
        return LocalDate.parse(day).atTime(hour, 0).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    public static RawMessage message(EventEnvelope envelope, long offset) {
        return new RawMessage("case-events", 0, offset, envelope.caseId(), EventJson.writeBytes(envelope));
    }

    public static RawMessage message(String key, String value, long offset) {
        return new RawMessage("case-events", 0, offset, key, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }
}
