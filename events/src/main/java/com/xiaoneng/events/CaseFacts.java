package com.xiaoneng.events;

import java.time.Instant;

/**
 * What a case's events say about it: the one fold of the lifecycle. The command side's aggregate and
 * case view and the streaming job's state all apply events through {@link #apply}, so each rule of what
 * an event does to a case is written here once.
 *
 * <p>Mutable with public fields on purpose: the job keeps it as Flink keyed state (a POJO type, whose
 * serializer can evolve when fields are added), and copies it before each event, so a failing event
 * leaves no half-changed state. Null means "not known yet".
 */
public class CaseFacts {
    public String caseId;

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
    /** The due date lies on or was counted across a day without holiday data (docs/events.md, "dueProvisional"). */
    public boolean dueProvisional;
    public Instant deficiencyCorrectionDueAt;
    public Instant correctedAt;
    public boolean suspended;
    public Instant suspendedAt;
    public int suspendedWorkingDays;
    public int extendedDays;
    public Instant notAcceptedAt;
    public Instant revokedAt;
    /** Whether the revocation in force was the automatic one (the correction deadline passed). */
    public boolean revokedAutomatically;
    public Instant reinstatedAt;
    public Instant completedAt;
    public Outcome outcome;
    public Boolean onTime;
    public Integer ratingScore;
    public Boolean ratingDefaulted;
    public Instant ratedAt;
    public Instant rectificationDueAt;
    public Instant rectifiedAt;
    public Boolean rectifiedOnTime;
    /** occurredAt of the default rating a late-recorded real one replaced; null while none was replaced. */
    public Instant supersededRatedAt;
    /**
     * Business time of the latest recorded fact. Automatic events (the automatic revocation, the default
     * rating) do not count: a fact recorded after one may have happened before its deadline.
     */
    public Instant lastFactAt;

    public CaseFacts() {
    }

    /** Folds the case's next event into these facts. */
    public void apply(CaseEvent event) {
        caseId = event.caseId();
        boolean automatic = false;
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
            revokedAutomatically = e.automatic();
            automatic = e.automatic();
            suspended = false;
            status = CaseStatus.REVOKED;
        } else if (event instanceof AcceptanceReinstated e) {
            // the revocation counts nowhere: the case is open again with the due date it had
            revokedAt = null;
            revokedAutomatically = false;
            reinstatedAt = e.occurredAt();
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
            moveDue(e.dueAt(), e.dueProvisional());
            status = CaseStatus.ACCEPTED;
        } else if (event instanceof CaseExtended e) {
            extendedDays = Math.addExact(extendedDays, e.days());
            moveDue(e.dueAt(), e.dueProvisional());
        } else if (event instanceof CaseCompleted e) {
            completedAt = e.occurredAt();
            outcome = e.outcome();
            onTime = e.onTime();
            dueAt = e.dueAt();
            suspended = false;
            status = CaseStatus.COMPLETED;
        } else if (event instanceof CaseRated e) {
            ratingScore = e.score();
            ratingDefaulted = e.defaulted();
            ratedAt = e.occurredAt();
            rectificationDueAt = e.rectificationDueAt();
            automatic = e.defaulted();
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
        } else {
            // CaseFactsTest applies every permitted CaseEvent: a new type without a rule fails there first
            throw new IllegalArgumentException("no lifecycle rule for " + event.type());
        }
        if (!automatic && (lastFactAt == null || event.occurredAt().isAfter(lastFactAt))) {
            lastFactAt = event.occurredAt();
        }
    }

    /**
     * A resumption or extension counts on from the due date in force, so a due date that was provisional
     * stays so: only a date computed afresh (acceptance, reinstatement) clears the mark.
     */
    private void moveDue(Instant newDueAt, boolean provisional) {
        dueAt = newDueAt;
        dueProvisional |= provisional;
    }

    /** The correction deadline still pending: a deficiency acceptance not yet corrected, the case open. */
    public Instant pendingCorrectionDueAt() {
        return status != null && status.isOpen() && correctedAt == null ? deficiencyCorrectionDueAt : null;
    }
}
