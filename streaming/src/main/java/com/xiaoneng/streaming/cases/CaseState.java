package com.xiaoneng.streaming.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.CaseCompleted;
import com.xiaoneng.events.CaseFacts;
import com.xiaoneng.events.CaseStatus;
import com.xiaoneng.events.EventEnvelope;

import java.time.Instant;

/**
 * What the stream knows about one case: the lifecycle's {@link CaseFacts}, folded from its events in
 * sequence order, plus what the job itself needs (the envelope's coordinates, warning bookkeeping).
 * A POJO on purpose: it is Flink keyed state, so the state serializer can evolve.
 */
public class CaseState extends CaseFacts {
    /** Sequence of the last applied event; -1 before the first. Doubles as the facts row version. */
    public long lastSequence = -1;
    public Instant lastOccurredAt;
    public Instant lastRecordedAt;
    /** Acceptance day to completion day, {@link WorkingDayCalendar#workingDaysBetween}. */
    public Integer workingDaysToComplete;

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
        apply(envelope.data());
        if (envelope.data() instanceof CaseCompleted) {
            workingDaysToComplete = acceptedAt == null ? null : calendar.workingDaysBetween(
                    WorkingDayCalendar.localDay(acceptedAt), WorkingDayCalendar.localDay(completedAt));
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
