package com.xiaoneng.command.cases;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The automatic steps of a case (the revocation of an uncorrected deficiency acceptance, the default
 * rating). The REST path schedules them as each step is recorded; a bulk import defers them and decides
 * them once the case's lines are applied ({@link #schedule}), so they appear only where the history lacks
 * the fact.
 */
@Component
public class AutomaticSteps {
    private static final String DEFERRED = AutomaticSteps.class.getName() + ".deferred";

    private final DeadlineManager deadlines;
    private final CaseRules rules;

    public AutomaticSteps(DeadlineManager deadlines, CaseRules rules) {
        this.deadlines = deadlines;
        this.rules = rules;
    }

    /** What a case still waits for: the business time each automatic step would carry, or null. */
    public record Pending(String caseId, Instant correctionDueAt, Instant ratingDueAt) {
        public boolean any() {
            return correctionDueAt != null || ratingDueAt != null;
        }
    }

    /** Case commands handled within this unit of work (and the ones nested in it) leave deadlines alone. */
    public static void deferWithin(UnitOfWork<?> unitOfWork) {
        unitOfWork.root().resources().put(DEFERRED, Boolean.TRUE);
    }

    static boolean deferred() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().resources().containsKey(DEFERRED);
    }

    /**
     * Schedules the pending steps; one whose deadline already passed waits the late-fact grace. The deadline
     * handlers check the case's state when they fire, so a step that a fact made moot does nothing.
     */
    public void schedule(Pending pending) {
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor(ServiceCase.class.getSimpleName(), pending.caseId());
        if (pending.correctionDueAt() != null) {
            deadlines.schedule(rules.decideAutomaticStepAt(pending.correctionDueAt()), ServiceCase.CORRECTION_DEADLINE,
                    new ServiceCase.CorrectionDeadline(pending.correctionDueAt()), scope);
        }
        if (pending.ratingDueAt() != null) {
            deadlines.schedule(rules.decideAutomaticStepAt(pending.ratingDueAt()), ServiceCase.RATING_DEADLINE,
                    new ServiceCase.RatingDeadline(pending.ratingDueAt()), scope);
        }
    }
}
