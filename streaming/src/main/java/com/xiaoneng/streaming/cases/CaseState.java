package com.xiaoneng.streaming.cases;

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
import com.xiaoneng.events.CaseStatus;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.CaseSuspended;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.events.DefaultRatingSuperseded;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.events.Outcome;

import java.time.Instant;

/**
 * What the stream knows about one case, folded from its events in sequence order. Mutable with
 * public fields on purpose: it is Flink keyed state (a POJO type, so the state serializer can
 * evolve), updated in place once per event. Null means "not known yet".
 */
public class CaseState {
    public String caseId;
    /** Sequence of the last applied event; -1 before the first. Doubles as the facts row version. */
    public long lastSequence = -1;
    public Instant lastOccurredAt;
    public Instant lastRecordedAt;

    public String itemCode;
    public Integer itemVersion;
    public String itemName;
    public ItemType itemType;
    public String agencyCode;
    public String agencyName;
    public String acceptingRegion;
    public String handlingRegion;
    public CrossRegionMode crossRegionMode;
    public Channel channel;
    public ApplicantType applicantType;
    public String applicantPseudonym;

    public CaseStatus status;
    public Instant submittedAt;
    public Instant acceptedAt;
    public Integer statutoryLimitDays;
    public Integer promisedLimitDays;
    /** Due instant in force: after extensions and suspensions. */
    public Instant dueAt;
    public boolean dueProvisional;
    public Instant deficiencyCorrectionDueAt;
    public Instant correctedAt;
    public boolean suspended;
    public Instant suspendedAt;
    public int suspendedWorkingDays;
    public int extendedDays;
    public Instant notAcceptedAt;
    public Instant revokedAt;
    public Instant completedAt;
    public Outcome outcome;
    public Boolean onTime;
    /** Acceptance day to completion day, {@link WorkingDayCalendar#workingDaysBetween}. */
    public Integer workingDaysToComplete;
    public Integer ratingScore;
    public Boolean ratingDefaulted;
    public Instant ratedAt;
    public Instant rectificationDueAt;
    public Instant rectifiedAt;
    public Boolean rectifiedOnTime;
    /** occurredAt of the default rating a late-recorded real one replaced; null while none was replaced. */
    public Instant supersededRatedAt;

    /** The due instant a YELLOW / RED warning was last sent for: one of each per due date. */
    public Instant yellowSentFor;
    public Instant redSentFor;
    /** Processing time (ms) of the last change: a warning waits until the case has been quiet a while. */
    public Long changedAt;
    /** Registered warning timers, so that a moved due date can delete them. */
    public Long yellowTimer;
    public Long redTimer;

    public CaseState() {
    }

    public static CaseState of(String caseId) {
        CaseState state = new CaseState();
        state.caseId = caseId;
        return state;
    }

    /** Folds the next event (sequence {@code lastSequence + 1} or later) into this state. */
    public void apply(EventEnvelope envelope, WorkingDayCalendar calendar) {
        CaseEvent event = envelope.data();
        if (event instanceof CaseSubmitted e) {
            itemCode = e.itemCode();
            itemVersion = e.itemVersion();
            itemName = e.itemName();
            itemType = e.itemType();
            agencyCode = e.agencyCode();
            agencyName = e.agencyName();
            applicantType = e.applicantType();
            applicantPseudonym = e.applicantId();
            channel = e.channel();
            acceptingRegion = e.acceptingRegion();
            handlingRegion = e.handlingRegion();
            crossRegionMode = e.crossRegionMode();
            submittedAt = e.occurredAt();
            status = CaseStatus.SUBMITTED;
        } else if (event instanceof CaseAccepted e) {
            acceptedAt = e.occurredAt();
            itemVersion = e.itemVersion();
            statutoryLimitDays = e.statutoryLimitDays();
            promisedLimitDays = e.promisedLimitDays();
            dueAt = e.dueAt();
            dueProvisional = e.dueProvisional();
            deficiencyCorrectionDueAt = e.withDeficiency() ? e.deficiency().correctionDueAt() : null;
            status = CaseStatus.ACCEPTED;
        } else if (event instanceof CaseNotAccepted e) {
            notAcceptedAt = e.occurredAt();
            status = CaseStatus.NOT_ACCEPTED;
        } else if (event instanceof CaseCorrected e) {
            correctedAt = e.occurredAt();
        } else if (event instanceof AcceptanceRevoked e) {
            revokedAt = e.occurredAt();
            suspended = false;
            status = CaseStatus.REVOKED;
        } else if (event instanceof AcceptanceReinstated e) {
            // the revocation counts nowhere: the case is open again with the due date it had
            revokedAt = null;
            dueAt = e.dueAt();
            dueProvisional = e.dueProvisional();
            status = CaseStatus.ACCEPTED;
        } else if (event instanceof CaseSuspended e) {
            suspended = true;
            suspendedAt = e.occurredAt();
            status = CaseStatus.SUSPENDED;
        } else if (event instanceof CaseResumed e) {
            suspended = false;
            // exact: a wrapped sum would be stored as a plausible number
            suspendedWorkingDays = Math.addExact(suspendedWorkingDays, e.suspendedWorkingDays());
            dueAt = e.dueAt();
            dueProvisional = e.dueProvisional();
            status = CaseStatus.ACCEPTED;
        } else if (event instanceof CaseExtended e) {
            extendedDays = Math.addExact(extendedDays, e.days());
            dueAt = e.dueAt();
            dueProvisional = e.dueProvisional();
        } else if (event instanceof CaseCompleted e) {
            completedAt = e.occurredAt();
            outcome = e.outcome();
            onTime = e.onTime();
            dueAt = e.dueAt();
            suspended = false;
            status = CaseStatus.COMPLETED;
            workingDaysToComplete = acceptedAt == null ? null : calendar.workingDaysBetween(
                    WorkingDayCalendar.localDay(acceptedAt), WorkingDayCalendar.localDay(completedAt));
        } else if (event instanceof CaseRated e) {
            ratingScore = e.score();
            ratingDefaulted = e.defaulted();
            ratedAt = e.occurredAt();
            rectificationDueAt = e.rectificationDueAt();
        } else if (event instanceof DefaultRatingSuperseded e) {
            // the default counts nowhere; the CaseRated that follows sets the real rating
            supersededRatedAt = e.supersededRatedAt();
            ratingScore = null;
            ratingDefaulted = null;
            ratedAt = null;
            rectificationDueAt = null;
        } else if (event instanceof BadRatingRectified e) {
            rectifiedAt = e.occurredAt();
            rectifiedOnTime = e.onTime();
        }

        lastSequence = envelope.sequence();
        lastOccurredAt = envelope.occurredAt();
        lastRecordedAt = envelope.recordedAt();
    }

    /** Accepted, running (not suspended) and neither completed nor revoked: the only cases warned about. */
    public boolean warnable() {
        return status == CaseStatus.ACCEPTED && !suspended && acceptedAt != null && dueAt != null;
    }
}
