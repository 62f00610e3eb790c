package com.xiaoneng.command.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.command.cases.CaseCommands.AcceptCase;
import com.xiaoneng.command.cases.CaseCommands.CompleteCase;
import com.xiaoneng.command.cases.CaseCommands.CorrectCase;
import com.xiaoneng.command.cases.CaseCommands.ExtendCase;
import com.xiaoneng.command.cases.CaseCommands.NotAcceptCase;
import com.xiaoneng.command.cases.CaseCommands.RateCase;
import com.xiaoneng.command.cases.CaseCommands.RectifyRating;
import com.xiaoneng.command.cases.CaseCommands.ResumeCase;
import com.xiaoneng.command.cases.CaseCommands.RevokeAcceptance;
import com.xiaoneng.command.cases.CaseCommands.SubmitCase;
import com.xiaoneng.command.cases.CaseCommands.SuspendCase;
import com.xiaoneng.command.catalog.ServiceCatalog;
import com.xiaoneng.command.catalog.ServiceGuide;
import com.xiaoneng.events.AcceptanceReinstated;
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.AcceptanceRevoked;
import com.xiaoneng.events.BadRatingRectified;
import com.xiaoneng.events.CaseAccepted;
import com.xiaoneng.events.CaseCompleted;
import com.xiaoneng.events.CaseCorrected;
import com.xiaoneng.events.CaseEvent;
import com.xiaoneng.events.CaseExtended;
import com.xiaoneng.events.CaseFacts;
import com.xiaoneng.events.CaseNotAccepted;
import com.xiaoneng.events.CaseRated;
import com.xiaoneng.events.CaseResumed;
import com.xiaoneng.events.CaseStatus;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.CaseSuspended;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.events.Deficiency;
import com.xiaoneng.events.DefaultRatingSuperseded;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.command.security.CaseAccess;
import com.xiaoneng.regions.Regions;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A service case (办件) from submission to rating, checked against the regulation's rules
 * (docs/events.md, ../shared/domain.md). Deadlines for the automatic steps live in the persistent
 * deadline manager, so they fire after a restart too. A step that a later fact made moot is not
 * cancelled: its handler finds nothing to do. (Cancelling in db-scheduler reads every scheduled
 * deadline, which made each rating and completion slower as deadlines piled up.)
 */
@Aggregate(cache = "caseCache", commandTargetResolver = "caseTarget")
public class ServiceCase {
    static final String CORRECTION_DEADLINE = "correction-deadline";
    static final String RATING_DEADLINE = "default-rating";

    /** Deadline payloads: the business time the automatic event will carry. */
    record CorrectionDeadline(Instant dueAt) {
    }

    record RatingDeadline(Instant dueAt) {
    }

    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** Whether {@code caseId} has the contract's form (docs/events.md): a malformed one names no case. */
    public static boolean isCaseId(String caseId) {
        return caseId != null && CASE_ID.matcher(caseId).matches();
    }

    @AggregateIdentifier
    private String caseId;
    /** The case as its events say, folded by the one lifecycle rule set the case view and the job use too. */
    private final CaseFacts facts = new CaseFacts();

    protected ServiceCase() {
    }

    @CommandHandler
    public ServiceCase(SubmitCase command, ServiceCatalog catalog, CaseRules rules,
                       @MetaDataValue(CaseAccess.SCOPE) String scope) {
        if (Regions.isValidCode(command.handlingRegion())) {
            CaseAccess.requireCovers(scope, command.handlingRegion());
        }
        if (!isCaseId(required(command.caseId(), "caseId"))) {
            throw CaseException.invalid("caseId", "case.id-format", "caseId must be 1-64 characters [A-Za-z0-9_-]");
        }
        requiredText(command.itemCode(), "itemCode", Bounds.CODE_LENGTH);
        required(command.applicantType(), "applicant.type");
        requiredText(command.applicantId(), "applicant.id", Bounds.CODE_LENGTH);
        ServiceGuide guide = catalog.current(command.itemCode())
                .orElseThrow(() -> CaseException.invalid("itemCode", "item.unknown",
                        "no item " + command.itemCode() + " in the catalog"));
        required(command.channel(), "channel");
        region(command.acceptingRegion(), "acceptingRegion");
        region(command.handlingRegion(), "handlingRegion");
        businessTime(required(command.submittedAt(), "submittedAt"), "submittedAt", rules);
        CrossRegionMode mode = Regions.crossRegionMode(command.acceptingRegion(), command.handlingRegion());
        boolean sameRegion = command.acceptingRegion().equals(command.handlingRegion());
        if (!guide.crossRegionScope().allows(mode, sameRegion)) {
            throw CaseException.conflict("cross-region.not-allowed", "item " + guide.code() + " allows "
                    + guide.crossRegionScope() + " handling; accepting region " + command.acceptingRegion()
                    + " and handling region " + command.handlingRegion() + " are " + mode);
        }
        apply(new CaseSubmitted(command.caseId(), command.submittedAt(), guide.code(), guide.version(), guide.name(),
                guide.type(), guide.agencyCode(), guide.agencyName(), command.applicantType(), command.applicantId(),
                command.channel(), command.acceptingRegion(), command.handlingRegion(), mode));
    }

    /** The caller's scope against the case's own handling region, before any step is handled. */
    @CommandHandlerInterceptor
    Object checkScope(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        CaseAccess.requireCovers(command.getMetaData().get(CaseAccess.SCOPE), facts.handlingRegion);
        return chain.proceed();
    }

    @CommandHandler
    public Instant handle(AcceptCase command, ServiceCatalog catalog, CaseRules rules, DeadlineManager deadlines) {
        if (facts.status != CaseStatus.SUBMITTED) {
            throw CaseException.conflict(facts.status == CaseStatus.NOT_ACCEPTED ? "case.not-accepted" : "case.already-accepted",
                    "only a submitted case can be accepted; this case is " + facts.status);
        }
        Instant at = checkAt(command.at(), rules);
        ServiceGuide guide = catalog.current(facts.itemCode).orElseThrow(() -> CaseException.conflict("item.withdrawn",
                "item " + facts.itemCode + " is no longer in the catalog"));
        WorkingDayCalendar.Due due = rules.calendar().dueAfterAcceptance(at, guide.promisedLimitDays());
        Deficiency deficiency = null;
        if (command.deficiency() != null) {
            List<String> missing = command.deficiency().missing();
            if (missing == null || missing.isEmpty() || missing.stream().anyMatch(m -> m == null || m.isBlank())) {
                throw CaseException.invalid("deficiency.missing", "deficiency.missing-required",
                        "a deficiency acceptance must name the missing materials");
            }
            check(Bounds.list("deficiency.missing", missing));
            int correctionDays = required(command.deficiency().correctionDays(), "deficiency.correctionDays");
            check(rules.bounds().days("deficiency.correctionDays", correctionDays));
            Instant correctionDue = rules.calendar().dueAfterAcceptance(at, correctionDays).instant();
            deficiency = new Deficiency(missing, correctionDays, correctionDue);
            if (!AutomaticSteps.deferred()) {
                deadlines.schedule(rules.decideAutomaticStepAt(correctionDue), CORRECTION_DEADLINE,
                        new CorrectionDeadline(correctionDue));
            }
        }
        apply(new CaseAccepted(caseId, at, guide.version(), guide.statutoryLimitDays(), guide.promisedLimitDays(),
                due.instant(), due.provisional(), deficiency));
        return due.instant();
    }

    @CommandHandler
    public void handle(NotAcceptCase command, CaseRules rules) {
        if (facts.status != CaseStatus.SUBMITTED) {
            throw CaseException.conflict("case.not-submitted", "only a submitted case can be refused; this case is " + facts.status);
        }
        Instant at = checkAt(command.at(), rules);
        requiredFreeText(command.reason(), "reason");
        check(Bounds.text("referTo", command.referTo(), Bounds.NAME_LENGTH));
        apply(new CaseNotAccepted(caseId, at, command.reason(), blankToNull(command.referTo())));
    }

    @CommandHandler
    public void handle(CorrectCase command, CaseRules rules) {
        if (facts.status == CaseStatus.REVOKED && automaticallyRevokedAt() != null) {
            reinstate(command, rules);
            return;
        }
        requireOpen("correct");
        Instant at = checkAt(command.at(), rules);
        requireItems(command);
        apply(new CaseCorrected(caseId, at, command.items()));
    }

    /** Materials supplied by the deadline but recorded after the automatic revocation reverse it. */
    private void reinstate(CorrectCase command, CaseRules rules) {
        Instant at = checkAt(command.at(), rules);
        requireItems(command);
        if (at.isAfter(automaticallyRevokedAt())) {
            throw CaseException.conflict("correction.deadline-passed", "the acceptance was revoked automatically when the"
                    + " correction deadline " + automaticallyRevokedAt() + " passed; a correction at " + at + " is too late");
        }
        apply(new AcceptanceReinstated(caseId, at, automaticallyRevokedAt(), facts.dueAt, facts.dueProvisional));
        apply(new CaseCorrected(caseId, at, command.items()));
    }

    private static void requireItems(CorrectCase command) {
        if (command.items() == null || command.items().isEmpty() || command.items().stream().anyMatch(i -> i == null || i.isBlank())) {
            throw CaseException.invalid("items", "correction.items-required", "items must name the supplied materials");
        }
        check(Bounds.list("items", command.items()));
    }

    @CommandHandler
    public void handle(RevokeAcceptance command, CaseRules rules) {
        requireOpen("revoke");
        Instant at = checkAt(command.at(), rules);
        requiredFreeText(command.reason(), "reason");
        apply(new AcceptanceRevoked(caseId, at, command.reason(), false));
    }

    @DeadlineHandler(deadlineName = CORRECTION_DEADLINE)
    public void onCorrectionDeadline(CorrectionDeadline deadline) {
        // a correction or another end of the case may have raced the scheduler
        if (deadline.dueAt().equals(facts.pendingCorrectionDueAt())) {
            apply(new AcceptanceRevoked(caseId, deadline.dueAt(), "容缺受理材料未在补正期限内提交（自动撤销受理）", true));
        }
    }

    @CommandHandler
    public void handle(SuspendCase command, CaseRules rules) {
        if (facts.status == CaseStatus.SUSPENDED) {
            throw CaseException.conflict("case.already-suspended", "the case is already suspended");
        }
        requireOpen("suspend");
        Instant at = checkAt(command.at(), rules);
        requiredText(command.procedure(), "procedure", Bounds.NAME_LENGTH);
        requiredFreeText(command.reason(), "reason");
        apply(new CaseSuspended(caseId, at, command.procedure(), command.reason()));
    }

    @CommandHandler
    public Instant handle(ResumeCase command, CaseRules rules) {
        if (facts.status != CaseStatus.SUSPENDED) {
            throw CaseException.conflict("case.not-suspended", "only a suspended case can be resumed; this case is " + facts.status);
        }
        Instant at = checkAt(command.at(), rules);
        WorkingDayCalendar calendar = rules.calendar();
        LocalDate suspendDay = WorkingDayCalendar.localDay(facts.suspendedAt);
        LocalDate resumeDay = WorkingDayCalendar.localDay(at);
        int suspended = calendar.workingDaysBetween(suspendDay, resumeDay);
        WorkingDayCalendar.Due due = calendar.addWorkingDays(WorkingDayCalendar.dayEndingAt(facts.dueAt), suspended);
        apply(new CaseResumed(caseId, at, suspended, due.instant(),
                due.provisional() || calendar.provisionalBetween(suspendDay, resumeDay)));
        return due.instant();
    }

    @CommandHandler
    public Instant handle(ExtendCase command, CaseRules rules) {
        requireOpen("extend");
        Instant at = checkAt(command.at(), rules);
        int days = required(command.days(), "days");
        check(rules.bounds().days("days", days));
        requiredFreeText(command.reason(), "reason");
        WorkingDayCalendar.Due due = rules.calendar().addWorkingDays(WorkingDayCalendar.dayEndingAt(facts.dueAt), days);
        apply(new CaseExtended(caseId, at, days, command.reason(), due.instant(), due.provisional()));
        return due.instant();
    }

    @CommandHandler
    public boolean handle(CompleteCase command, CaseRules rules, DeadlineManager deadlines) {
        if (facts.status == CaseStatus.SUSPENDED) {
            throw CaseException.conflict("case.suspended", "a suspended case must be resumed before it is completed");
        }
        requireOpen("complete");
        Instant at = checkAt(command.at(), rules);
        required(command.outcome(), "outcome");
        if (command.outcome() != Outcome.APPROVED && (command.reason() == null || command.reason().isBlank())) {
            throw CaseException.invalid("reason", "completion.reason-required",
                    "reason is required when the outcome is " + command.outcome());
        }
        check(Bounds.freeText("reason", command.reason(), Bounds.TEXT_LENGTH));
        boolean onTime = !at.isAfter(facts.dueAt);
        apply(new CaseCompleted(caseId, at, command.outcome(), blankToNull(command.reason()), facts.dueAt, onTime));
        if (rules.defaultRatingEnabled() && !AutomaticSteps.deferred()) {
            Instant ratingDue = ratingDeadline(at, rules);
            deadlines.schedule(rules.decideAutomaticStepAt(ratingDue), RATING_DEADLINE, new RatingDeadline(ratingDue));
        }
        return onTime;
    }

    @CommandHandler
    public void handle(RateCase command, CaseRules rules) {
        if (command.score() < 1 || command.score() > 5) {
            throw CaseException.invalid("score", "rating.score-range", "score must be 1..5");
        }
        if (defaultRatedAt() != null) {
            supersedeDefault(command, rules);
            return;
        }
        if (facts.ratingScore != null) {
            throw CaseException.conflict("rating.already-given", "the case is already rated (" + facts.ratingScore + ")");
        }
        if (facts.status != CaseStatus.COMPLETED && facts.status != CaseStatus.NOT_ACCEPTED) {
            throw CaseException.conflict("rating.case-not-finished",
                    "a case can be rated after completion or non-acceptance; this case is " + facts.status);
        }
        Instant at = checkAt(command.at(), rules);
        check(Bounds.freeText("comment", command.comment(), Bounds.TEXT_LENGTH));
        apply(new CaseRated(caseId, at, command.score(), blankToNull(command.comment()), false,
                command.score() <= 2 ? rectificationDeadline(at, rules) : null));
    }

    /** A rating given by the deadline but recorded after the default one replaces it; a later one is refused. */
    private void supersedeDefault(RateCase command, CaseRules rules) {
        Instant at = checkAt(command.at(), rules);
        check(Bounds.freeText("comment", command.comment(), Bounds.TEXT_LENGTH));
        if (at.isAfter(defaultRatedAt())) {
            throw CaseException.conflict("rating.default-deadline-passed", "the case was rated " + facts.ratingScore
                    + " by default when the rating deadline " + defaultRatedAt() + " passed; a rating at " + at
                    + " is too late to replace it");
        }
        apply(new DefaultRatingSuperseded(caseId, at, defaultRatedAt(), facts.ratingScore));
        apply(new CaseRated(caseId, at, command.score(), blankToNull(command.comment()), false,
                command.score() <= 2 ? rectificationDeadline(at, rules) : null));
    }

    @DeadlineHandler(deadlineName = RATING_DEADLINE)
    public void onRatingDeadline(RatingDeadline deadline) {
        if (facts.ratingScore == null && facts.status == CaseStatus.COMPLETED) {
            apply(new CaseRated(caseId, deadline.dueAt(), CaseRules.DEFAULT_RATING_SCORE, null, true, null));
        }
    }

    @CommandHandler
    public boolean handle(RectifyRating command, CaseRules rules) {
        if (facts.ratingScore == null) {
            throw CaseException.conflict("rating.missing", "the case has no rating to rectify");
        }
        if (facts.ratingScore > 2) {
            throw CaseException.conflict("rating.not-bad", "only a bad rating (1-2) is rectified; this one is " + facts.ratingScore);
        }
        if (facts.rectifiedAt != null) {
            throw CaseException.conflict("rating.already-rectified", "the bad rating is already rectified");
        }
        Instant at = checkAt(command.at(), rules);
        requiredFreeText(command.measures(), "measures");
        boolean onTime = !at.isAfter(facts.rectificationDueAt);
        apply(new BadRatingRectified(caseId, at, command.measures(), onTime));
        return onTime;
    }

    @EventSourcingHandler
    void on(CaseEvent event) {
        caseId = event.caseId();
        facts.apply(event);
    }

    /** Set while the case stands revoked by the automatic step: the correction deadline that passed. */
    private Instant automaticallyRevokedAt() {
        return facts.status == CaseStatus.REVOKED && facts.revokedAutomatically ? facts.revokedAt : null;
    }

    /** Set while the case's rating is the default one: the rating deadline it carries. */
    private Instant defaultRatedAt() {
        return Boolean.TRUE.equals(facts.ratingDefaulted) ? facts.ratedAt : null;
    }

    /** The handling region, for the caller's region scope. */
    public String handlingRegion() {
        return facts.handlingRegion;
    }

    /** The automatic steps this case still waits for, with the business time each would carry. */
    public AutomaticSteps.Pending pendingAutomaticSteps(CaseRules rules) {
        Instant correction = facts.pendingCorrectionDueAt();
        Instant rating = facts.status == CaseStatus.COMPLETED && facts.ratingScore == null && rules.defaultRatingEnabled()
                ? ratingDeadline(facts.completedAt, rules) : null;
        return new AutomaticSteps.Pending(caseId, correction, rating);
    }

    private void requireOpen(String step) {
        if (facts.status == null || !facts.status.isOpen()) {
            String rule = switch (facts.status) {
                case SUBMITTED -> "case.not-accepted-yet";
                case COMPLETED -> "case.completed";
                case REVOKED -> "case.revoked";
                case NOT_ACCEPTED -> "case.not-accepted";
                default -> "case.not-open";
            };
            throw CaseException.conflict(rule, "cannot " + step + " a case that is " + facts.status);
        }
    }

    private Instant checkAt(Instant at, CaseRules rules) {
        required(at, "at");
        businessTime(at, "at", rules);
        if (at.isBefore(facts.lastFactAt)) {
            throw CaseException.invalid("at", "at.before-previous-event",
                    "at " + at + " is earlier than the case's previous event at " + facts.lastFactAt);
        }
        return at;
    }

    /** Checked before the order of events, so that no instant outside the contract is compared or stored. */
    private static void businessTime(Instant at, String field, CaseRules rules) {
        check(rules.bounds().businessTime(field, at, rules.now()));
    }

    private static void check(Optional<Bounds.Violation> violation) {
        violation.ifPresent(v -> {
            throw CaseException.invalid(v.field(), v.rule(), v.message());
        });
    }

    private static Instant ratingDeadline(Instant completedAt, CaseRules rules) {
        return rules.calendar().addWorkingDays(WorkingDayCalendar.localDay(completedAt), rules.defaultRatingDays()).instant();
    }

    private static Instant rectificationDeadline(Instant ratedAt, CaseRules rules) {
        return rules.calendar().addWorkingDays(WorkingDayCalendar.localDay(ratedAt), rules.rectificationDays()).instant();
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw CaseException.invalid(field, "field.required", field + " is required");
        }
        return value;
    }

    private static void requiredText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw CaseException.invalid(field, "field.required", field + " is required");
        }
        check(Bounds.text(field, value, maxLength));
    }

    private static void requiredFreeText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw CaseException.invalid(field, "field.required", field + " is required");
        }
        check(Bounds.freeText(field, value, Bounds.TEXT_LENGTH));
    }

    private static void region(String value, String field) {
        if (!Regions.isValidCode(value)) {
            throw CaseException.invalid(field, "region.code", field + " must be a 6-digit GB/T 2260 region code");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
