package com.xiaoneng.command.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.command.cases.CaseCommands.AcceptCase;
import com.xiaoneng.command.cases.CaseCommands.CompleteCase;
import com.xiaoneng.command.cases.CaseCommands.CorrectCase;
import com.xiaoneng.command.cases.CaseCommands.DeficiencyNotice;
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
import com.xiaoneng.events.AcceptanceRevoked;
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.ApplicantType;
import com.xiaoneng.events.BadRatingRectified;
import com.xiaoneng.events.CaseAccepted;
import com.xiaoneng.events.CaseCompleted;
import com.xiaoneng.events.CaseCorrected;
import com.xiaoneng.events.CaseExtended;
import com.xiaoneng.events.CaseNotAccepted;
import com.xiaoneng.events.CaseRated;
import com.xiaoneng.events.CaseResumed;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.CaseSuspended;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.DefaultRatingSuperseded;
import com.xiaoneng.events.Deficiency;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.command.security.CaseAccess;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule and transition of a case, on real 2025 calendar dates (Beijing time = UTC+8). */
class ServiceCaseTest {
    static final String ID = "C-1";
    static final String LOCAL_ITEM = "XJ-650100-GA-0001";
    static final String WITHIN_ITEM = "XJ-650100-SC-0002";
    static final String CROSS_ITEM = "XJ-650100-RS-0003";

    /** 2025-01-24 (Friday) 10:00 in Beijing. */
    static final Instant SUBMITTED = Instant.parse("2025-01-24T02:00:00Z");
    static final Instant ACCEPTED = Instant.parse("2025-01-24T03:00:00Z");

    private AggregateTestFixture<ServiceCase> fixture;
    private final InMemoryCatalog catalog = new InMemoryCatalog();

    static CaseSubmitted submitted() {
        return new CaseSubmitted(ID, SUBMITTED, LOCAL_ITEM, 1, "居民身份证换领", ItemType.CONFIRMATION, "650100-GA",
                "乌鲁木齐市公安局", ApplicantType.PERSON, "650102199001011234", Channel.HALL, "650102", "650102",
                CrossRegionMode.LOCAL);
    }

    /** 3 promised working days from Friday 01-24: 01-26 (Sun, make-up), 01-27, then 02-05 after the Spring Festival. */
    static final Instant DUE = Instant.parse("2025-02-05T16:00:00Z");

    static CaseAccepted accepted() {
        return new CaseAccepted(ID, ACCEPTED, 1, 20, 3, DUE, false, null);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceCase.class);
        fixture.registerCommandTargetResolver(new CaseCommands.CaseTarget());
        fixture.registerCommandDispatchInterceptor(new CaseAccess());
        CaseRules rules = new CaseRules(Clock.fixed(Instant.parse("2025-12-31T00:00:00Z"), ZoneOffset.UTC),
                WorkingDayCalendar.shipped(), 5, 15, Bounds.DEFAULT, Duration.ZERO);
        fixture.registerInjectableResource(catalog);
        fixture.registerInjectableResource(rules);
    }

    private ResultValidator<ServiceCase> rejects(int status, String ruleOrField, Object command, Object... given) {
        return fixture.given(given).when(command)
                .expectException(CaseException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.any(String.class))
                .expectNoEvents()
                .expectException(org.hamcrest.Matchers.<Throwable>allOf(
                        org.hamcrest.Matchers.hasProperty("class"),
                        new org.hamcrest.CustomTypeSafeMatcher<Throwable>("status " + status + " naming " + ruleOrField) {
                            @Override
                            protected boolean matchesSafely(Throwable item) {
                                CaseException e = (CaseException) item;
                                return e.status() == status && (ruleOrField.equals(e.rule()) || ruleOrField.equals(e.field()));
                            }
                        }));
    }

    // --- submission ---

    @Test
    void submitsACaseWithAnItemSnapshot() {
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(ID, LOCAL_ITEM, ApplicantType.PERSON, "650102199001011234", Channel.HALL,
                        "650102", "650102", SUBMITTED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(submitted());
    }

    @Test
    void derivesCrossRegionModes() {
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(ID, WITHIN_ITEM, ApplicantType.ORGANIZATION, "91650100MA77", Channel.ONLINE,
                        "653101", "650102", SUBMITTED))
                .expectEvents(new CaseSubmitted(ID, SUBMITTED, WITHIN_ITEM, 1, "个体工商户登记", ItemType.CONFIRMATION,
                        "650100-GA", "乌鲁木齐市公安局", ApplicantType.ORGANIZATION, "91650100MA77", Channel.ONLINE,
                        "653101", "650102", CrossRegionMode.WITHIN_REGION));
    }

    @Test
    void refusesUnknownItemBadRegionsAndFutureTimes() {
        rejects(400, "itemCode", new SubmitCase(ID, "NOPE", ApplicantType.PERSON, "x", Channel.HALL, "650102", "650102", SUBMITTED));
        rejects(400, "acceptingRegion", new SubmitCase(ID, LOCAL_ITEM, ApplicantType.PERSON, "x", Channel.HALL, "65010", "650102", SUBMITTED));
        rejects(400, "handlingRegion", new SubmitCase(ID, LOCAL_ITEM, ApplicantType.PERSON, "x", Channel.HALL, "650102", "990102", SUBMITTED));
        rejects(400, "submittedAt", new SubmitCase(ID, LOCAL_ITEM, ApplicantType.PERSON, "x", Channel.HALL, "650102", "650102",
                Instant.parse("2025-12-31T00:06:00Z")));
        rejects(400, "applicant.id", new SubmitCase(ID, LOCAL_ITEM, ApplicantType.PERSON, " ", Channel.HALL, "650102", "650102", SUBMITTED));
        rejects(400, "channel", new SubmitCase(ID, LOCAL_ITEM, ApplicantType.PERSON, "x", null, "650102", "650102", SUBMITTED));
        rejects(400, "caseId", new SubmitCase("bad id!", LOCAL_ITEM, ApplicantType.PERSON, "x", Channel.HALL, "650102", "650102", SUBMITTED));
    }

    @Test
    void crossRegionHandlingNeedsTheItemsScope() {
        rejects(409, "cross-region.not-allowed", new SubmitCase(ID, LOCAL_ITEM, ApplicantType.PERSON, "x", Channel.HALL,
                "653101", "650102", SUBMITTED));
        // regions that differ within one prefecture still need the item to allow it
        rejects(409, "cross-region.not-allowed", new SubmitCase(ID, LOCAL_ITEM, ApplicantType.PERSON, "x", Channel.HALL,
                "650104", "650102", SUBMITTED));
        rejects(409, "cross-region.not-allowed", new SubmitCase(ID, WITHIN_ITEM, ApplicantType.PERSON, "x", Channel.HALL,
                "110105", "650102", SUBMITTED));
        fixture.givenNoPriorActivity().when(new SubmitCase(ID, CROSS_ITEM, ApplicantType.PERSON, "x", Channel.ONLINE,
                "110105", "650102", SUBMITTED)).expectSuccessfulHandlerExecution();
    }

    // --- acceptance ---

    @Test
    void acceptanceSetsTheDueDateAcrossTheSpringFestival() {
        fixture.given(submitted())
                .when(new AcceptCase(ID, ACCEPTED, null))
                .expectEvents(accepted())
                .expectResultMessagePayload(DUE);
    }

    @Test
    void deficiencyAcceptanceSchedulesTheCorrectionDeadline() {
        // 2 working days after Friday 01-24: 01-26 (make-up Sunday), 01-27
        Instant correctionDue = Instant.parse("2025-01-27T16:00:00Z");
        fixture.given(submitted())
                .when(new AcceptCase(ID, ACCEPTED, new DeficiencyNotice(List.of("户口簿复印件"), 2)))
                .expectEvents(new CaseAccepted(ID, ACCEPTED, 1, 20, 3, DUE, false,
                        new Deficiency(List.of("户口簿复印件"), 2, correctionDue)))
                .expectScheduledDeadlineWithName(correctionDue, ServiceCase.CORRECTION_DEADLINE);
    }

    @Test
    void uncorrectedDeficiencyAcceptanceIsRevokedAutomatically() {
        Instant correctionDue = Instant.parse("2025-01-27T16:00:00Z");
        fixture.given(submitted())
                .andGivenCommands(new AcceptCase(ID, ACCEPTED, new DeficiencyNotice(List.of("户口簿复印件"), 2)))
                .whenThenTimeAdvancesTo(correctionDue.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(ServiceCase.CORRECTION_DEADLINE)
                .expectEvents(new AcceptanceRevoked(ID, correctionDue, "容缺受理材料未在补正期限内提交（自动撤销受理）", true));
    }

    @Test
    void aCorrectionMakesTheAutomaticRevocationMoot() {
        Instant correctionDue = Instant.parse("2025-01-27T16:00:00Z");
        fixture.given(submitted())
                .andGivenCommands(new AcceptCase(ID, ACCEPTED, new DeficiencyNotice(List.of("户口簿复印件"), 2)),
                        new CorrectCase(ID, Instant.parse("2025-01-26T03:00:00Z"), List.of("户口簿复印件")))
                .whenThenTimeAdvancesTo(correctionDue.plusSeconds(1))
                // the deadline is left to fire and finds nothing to do
                .expectTriggeredDeadlinesWithName(ServiceCase.CORRECTION_DEADLINE)
                .expectNoScheduledDeadlines()
                .expectEvents();
    }

    @Test
    void refusesAcceptingTwiceOrAfterNonAcceptance() {
        rejects(409, "case.already-accepted", new AcceptCase(ID, ACCEPTED, null), submitted(), accepted());
        rejects(409, "case.not-accepted", new AcceptCase(ID, ACCEPTED, null), submitted(),
                new CaseNotAccepted(ID, ACCEPTED, "不属于本机关职权", null));
        rejects(400, "deficiency.correctionDays", new AcceptCase(ID, ACCEPTED, new DeficiencyNotice(List.of("x"), 0)), submitted());
        rejects(400, "deficiency.missing", new AcceptCase(ID, ACCEPTED, new DeficiencyNotice(List.of(), 3)), submitted());
    }

    @Test
    void refusesTimesBeforeThePreviousEventOrInTheFuture() {
        rejects(400, "at.before-previous-event", new AcceptCase(ID, SUBMITTED.minusSeconds(1), null), submitted());
        rejects(400, "at.in-future", new AcceptCase(ID, Instant.parse("2025-12-31T00:05:01Z"), null), submitted());
        rejects(400, "at", new AcceptCase(ID, null, null), submitted());
    }

    @Test
    void nonAcceptanceNeedsAReasonAndASubmittedCase() {
        fixture.given(submitted()).when(new NotAcceptCase(ID, ACCEPTED, "不属于本机关职权", "乌鲁木齐市民政局"))
                .expectEvents(new CaseNotAccepted(ID, ACCEPTED, "不属于本机关职权", "乌鲁木齐市民政局"));
        rejects(400, "reason", new NotAcceptCase(ID, ACCEPTED, "", null), submitted());
        rejects(409, "case.not-submitted", new NotAcceptCase(ID, ACCEPTED, "x", null), submitted(), accepted());
    }

    // --- suspension, extension ---

    @Test
    void suspensionMovesTheDueDateByTheWorkingDaysSuspended() {
        // suspended Monday 01-27, resumed Thursday 02-06: working days 02-05, 02-06 (01-28..02-04 is the break)
        Instant suspendAt = Instant.parse("2025-01-27T02:00:00Z");
        Instant resumeAt = Instant.parse("2025-02-06T02:00:00Z");
        Instant newDue = Instant.parse("2025-02-07T16:00:00Z"); // 02-05 + 2 working days = 02-07
        fixture.given(submitted(), accepted(), new CaseSuspended(ID, suspendAt, "专家评审", "需要专家论证"))
                .when(new ResumeCase(ID, resumeAt))
                .expectEvents(new CaseResumed(ID, resumeAt, 2, newDue, false))
                .expectResultMessagePayload(newDue);
    }

    @Test
    void suspensionRules() {
        Instant at = Instant.parse("2025-01-27T02:00:00Z");
        fixture.given(submitted(), accepted()).when(new SuspendCase(ID, at, "检验检测", "样品送检"))
                .expectEvents(new CaseSuspended(ID, at, "检验检测", "样品送检"));
        rejects(409, "case.already-suspended", new SuspendCase(ID, at, "检验检测", "x"), submitted(), accepted(),
                new CaseSuspended(ID, at, "检验检测", "样品送检"));
        rejects(409, "case.not-suspended", new ResumeCase(ID, at), submitted(), accepted());
        rejects(409, "case.not-accepted-yet", new SuspendCase(ID, at, "检验检测", "x"), submitted());
        rejects(400, "procedure", new SuspendCase(ID, at, " ", "x"), submitted(), accepted());
        rejects(409, "case.suspended", new CompleteCase(ID, at, Outcome.APPROVED, null), submitted(), accepted(),
                new CaseSuspended(ID, at, "检验检测", "样品送检"));
    }

    @Test
    void extensionAddsWorkingDaysAfterTheCurrentDueDay() {
        Instant at = Instant.parse("2025-02-05T02:00:00Z");
        // 02-05 + 3 working days: 02-06, 02-07, 02-08 (Saturday make-up day)
        Instant newDue = Instant.parse("2025-02-08T16:00:00Z");
        fixture.given(submitted(), accepted()).when(new ExtendCase(ID, at, 3, "需要现场核查"))
                .expectEvents(new CaseExtended(ID, at, 3, "需要现场核查", newDue, false))
                .expectResultMessagePayload(newDue);
        rejects(400, "days", new ExtendCase(ID, at, 0, "x"), submitted(), accepted());
        rejects(400, "reason", new ExtendCase(ID, at, 2, null), submitted(), accepted());
        rejects(409, "case.completed", new ExtendCase(ID, at, 2, "x"), submitted(), accepted(),
                new CaseCompleted(ID, at, Outcome.APPROVED, null, DUE, true));
    }

    // --- completion, ratings ---

    @Test
    void completionOnTimeAtTheDueInstantAndLateAfterIt() {
        fixture.given(submitted(), accepted()).when(new CompleteCase(ID, DUE, Outcome.APPROVED, null))
                .expectEvents(new CaseCompleted(ID, DUE, Outcome.APPROVED, null, DUE, true))
                .expectResultMessagePayload(true);
        Instant late = DUE.plusSeconds(1);
        fixture.given(submitted(), accepted()).when(new CompleteCase(ID, late, Outcome.DENIED, "不符合法定条件，可申请行政复议"))
                .expectEvents(new CaseCompleted(ID, late, Outcome.DENIED, "不符合法定条件，可申请行政复议", DUE, false))
                .expectResultMessagePayload(false);
    }

    @Test
    void completionRules() {
        rejects(400, "reason", new CompleteCase(ID, DUE, Outcome.DENIED, null), submitted(), accepted());
        rejects(400, "outcome", new CompleteCase(ID, DUE, null, null), submitted(), accepted());
        rejects(409, "case.not-accepted-yet", new CompleteCase(ID, DUE, Outcome.APPROVED, null), submitted());
        rejects(409, "case.revoked", new CompleteCase(ID, DUE, Outcome.APPROVED, null), submitted(), accepted(),
                new AcceptanceRevoked(ID, ACCEPTED, "x", false));
    }

    @Test
    void defaultRatingAfterFiveWorkingDays() {
        Instant completed = Instant.parse("2025-09-26T02:00:00Z"); // Friday before National Day
        // 5 working days: 09-28 (make-up), 09-29, 09-30, 10-09, 10-10
        Instant ratingDue = Instant.parse("2025-10-10T16:00:00Z");
        fixture.given(submitted(), accepted())
                .andGivenCommands(new CompleteCase(ID, completed, Outcome.APPROVED, null))
                .whenThenTimeAdvancesTo(ratingDue.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(ServiceCase.RATING_DEADLINE)
                .expectEvents(new CaseRated(ID, ratingDue, 4, null, true, null));
    }

    @Test
    void automaticStepsForHistoryRecordedLateWaitTheGrace() {
        CaseRules rules = new CaseRules(Clock.fixed(Instant.parse("2025-12-31T00:00:00Z"), ZoneOffset.UTC),
                WorkingDayCalendar.shipped(), 5, 15, Bounds.DEFAULT, Duration.ofMinutes(5));
        assertThat(rules.decideAutomaticStepAt(Instant.parse("2025-10-10T16:00:00Z")))
                .isEqualTo(Instant.parse("2025-12-31T00:05:00Z"));
        assertThat(rules.decideAutomaticStepAt(Instant.parse("2026-01-10T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-10T16:00:00Z"));
    }

    @Test
    void aRealRatingMakesTheDefaultMoot() {
        Instant completed = Instant.parse("2025-09-26T02:00:00Z");
        fixture.given(submitted(), accepted())
                .andGivenCommands(new CompleteCase(ID, completed, Outcome.APPROVED, null),
                        new RateCase(ID, completed.plusSeconds(60), 5, "很满意"))
                .whenThenTimeAdvancesTo(Instant.parse("2025-10-11T00:00:00Z"))
                .expectTriggeredDeadlinesWithName(ServiceCase.RATING_DEADLINE)
                .expectNoScheduledDeadlines()
                .expectEvents();
    }

    @Test
    void badRatingCarriesItsRectificationDeadline() {
        Instant completed = Instant.parse("2025-09-26T02:00:00Z");
        Instant rated = Instant.parse("2025-09-26T04:00:00Z");
        // 15 working days after 09-26: 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13 … 10-20 is the 12th, 10-23 the 15th
        Instant rectifyDue = Instant.parse("2025-10-23T16:00:00Z");
        fixture.given(submitted(), accepted(), new CaseCompleted(ID, completed, Outcome.APPROVED, null, DUE, true))
                .when(new RateCase(ID, rated, 2, "等候时间太长"))
                .expectEvents(new CaseRated(ID, rated, 2, "等候时间太长", false, rectifyDue));
    }

    @Test
    void ratingRules() {
        Instant completed = Instant.parse("2025-09-26T02:00:00Z");
        CaseCompleted done = new CaseCompleted(ID, completed, Outcome.APPROVED, null, DUE, true);
        rejects(409, "rating.already-given", new RateCase(ID, completed, 5, null), submitted(), accepted(), done,
                new CaseRated(ID, completed, 5, null, false, null));
        rejects(409, "rating.case-not-finished", new RateCase(ID, completed, 5, null), submitted(), accepted());
        rejects(400, "score", new RateCase(ID, completed, 6, null), submitted(), accepted(), done);
        rejects(400, "score", new RateCase(ID, completed, 0, null), submitted(), accepted(), done);
        fixture.given(submitted(), new CaseNotAccepted(ID, ACCEPTED, "x", null))
                .when(new RateCase(ID, completed, 3, null))
                .expectEvents(new CaseRated(ID, completed, 3, null, false, null));
    }

    @Test
    void rectificationOnlyForBadRatings() {
        Instant completed = Instant.parse("2025-09-26T02:00:00Z");
        Instant rectifyDue = Instant.parse("2025-10-23T16:00:00Z");
        CaseCompleted done = new CaseCompleted(ID, completed, Outcome.APPROVED, null, DUE, true);
        CaseRated bad = new CaseRated(ID, completed, 1, "态度差", false, rectifyDue);
        fixture.given(submitted(), accepted(), done, bad)
                .when(new RectifyRating(ID, rectifyDue, "约谈窗口人员，增设导办员"))
                .expectEvents(new BadRatingRectified(ID, rectifyDue, "约谈窗口人员，增设导办员", true))
                .expectResultMessagePayload(true);
        fixture.given(submitted(), accepted(), done, bad)
                .when(new RectifyRating(ID, rectifyDue.plusSeconds(1), "整改"))
                .expectEvents(new BadRatingRectified(ID, rectifyDue.plusSeconds(1), "整改", false));
        rejects(409, "rating.not-bad", new RectifyRating(ID, completed, "x"), submitted(), accepted(), done,
                new CaseRated(ID, completed, 4, null, false, null));
        rejects(409, "rating.missing", new RectifyRating(ID, completed, "x"), submitted(), accepted(), done);
        rejects(409, "rating.already-rectified", new RectifyRating(ID, rectifyDue, "x"), submitted(), accepted(), done, bad,
                new BadRatingRectified(ID, rectifyDue, "整改", true));
        rejects(400, "measures", new RectifyRating(ID, rectifyDue, ""), submitted(), accepted(), done, bad);
    }

    @Test
    void revocationAndCorrectionRules() {
        Instant at = Instant.parse("2025-01-26T02:00:00Z");
        fixture.given(submitted(), accepted()).when(new RevokeAcceptance(ID, at, "申请人撤回"))
                .expectEvents(new AcceptanceRevoked(ID, at, "申请人撤回", false));
        rejects(400, "reason", new RevokeAcceptance(ID, at, null), submitted(), accepted());
        rejects(409, "case.not-accepted-yet", new RevokeAcceptance(ID, at, "x"), submitted());
        fixture.given(submitted(), accepted()).when(new CorrectCase(ID, at, List.of("身份证复印件")))
                .expectEvents(new CaseCorrected(ID, at, List.of("身份证复印件")));
        rejects(400, "items", new CorrectCase(ID, at, List.of()), submitted(), accepted());
        rejects(409, "case.completed", new CorrectCase(ID, DUE, List.of("x")), submitted(), accepted(),
                new CaseCompleted(ID, DUE, Outcome.APPROVED, null, DUE, true));
    }

    // --- automatic events yield to earlier facts recorded late ---

    static final Instant COMPLETED = Instant.parse("2025-09-26T02:00:00Z");
    /** 5 working days after Friday 09-26: 09-28 (make-up), 09-29, 09-30, 10-09, 10-10. */
    static final Instant RATING_DUE = Instant.parse("2025-10-10T16:00:00Z");

    static Object[] ratedByDefault() {
        return new Object[]{submitted(), accepted(), new CaseCompleted(ID, COMPLETED, Outcome.APPROVED, null, DUE, true),
                new CaseRated(ID, RATING_DUE, 4, null, true, null)};
    }

    @Test
    void aRatingGivenByTheDeadlineReplacesTheDefault() {
        Instant rated = Instant.parse("2025-10-09T03:00:00Z");
        // 15 working days after 10-09: 10-10, 10-11 (make-up), 10-13 … 10-29 is the 15th
        Instant rectifyDue = Instant.parse("2025-10-29T16:00:00Z");
        fixture.given(ratedByDefault())
                .when(new RateCase(ID, rated, 2, "材料退回三次"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DefaultRatingSuperseded(ID, rated, RATING_DUE, 4),
                        new CaseRated(ID, rated, 2, "材料退回三次", false, rectifyDue));
        // at the deadline itself still counts as in time
        fixture.given(ratedByDefault())
                .when(new RateCase(ID, RATING_DUE, 5, null))
                .expectEvents(new DefaultRatingSuperseded(ID, RATING_DUE, RATING_DUE, 4),
                        new CaseRated(ID, RATING_DUE, 5, null, false, null));
    }

    @Test
    void aDefaultIsReplacedOnceAndOnlyByARatingInTime() {
        rejects(409, "rating.default-deadline-passed", new RateCase(ID, RATING_DUE.plusSeconds(1), 5, null), ratedByDefault());
        rejects(400, "at.before-previous-event", new RateCase(ID, COMPLETED.minusSeconds(1), 5, null), ratedByDefault());
        rejects(400, "score", new RateCase(ID, COMPLETED, 0, null), ratedByDefault());
        Instant rated = Instant.parse("2025-10-09T03:00:00Z");
        Object[] superseded = java.util.stream.Stream.concat(java.util.Arrays.stream(ratedByDefault()), java.util.stream.Stream.of(
                new DefaultRatingSuperseded(ID, rated, RATING_DUE, 4), new CaseRated(ID, rated, 5, null, false, null))).toArray();
        rejects(409, "rating.already-given", new RateCase(ID, rated, 3, null), superseded);
        // the default counts nowhere any more: a later default deadline firing changes nothing
        fixture.given(superseded).whenTimeElapses(Duration.ofDays(30)).expectNoScheduledDeadlines().expectEvents();
    }

    static final Instant CORRECTION_DUE = Instant.parse("2025-01-27T16:00:00Z");

    static Object[] revokedAutomatically() {
        return new Object[]{submitted(), new CaseAccepted(ID, ACCEPTED, 1, 20, 3, DUE, false,
                new Deficiency(List.of("户口簿复印件"), 2, CORRECTION_DUE)),
                new AcceptanceRevoked(ID, CORRECTION_DUE, "容缺受理材料未在补正期限内提交（自动撤销受理）", true)};
    }

    @Test
    void materialsSuppliedByTheDeadlineReinstateTheAcceptance() {
        Instant corrected = Instant.parse("2025-01-27T09:00:00Z");
        fixture.given(revokedAutomatically())
                .when(new CorrectCase(ID, corrected, List.of("户口簿复印件")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AcceptanceReinstated(ID, corrected, CORRECTION_DUE, DUE, false),
                        new CaseCorrected(ID, corrected, List.of("户口簿复印件")))
                .expectNoScheduledDeadlines();
        // the case is accepted again, with its former due date
        Object[] reinstated = java.util.stream.Stream.concat(java.util.Arrays.stream(revokedAutomatically()), java.util.stream.Stream.of(
                new AcceptanceReinstated(ID, corrected, CORRECTION_DUE, DUE, false),
                new CaseCorrected(ID, corrected, List.of("户口簿复印件")))).toArray();
        fixture.given(reinstated).when(new CompleteCase(ID, DUE, Outcome.APPROVED, null))
                .expectEvents(new CaseCompleted(ID, DUE, Outcome.APPROVED, null, DUE, true));
        Instant suspendAt = Instant.parse("2025-01-27T10:00:00Z");
        fixture.given(reinstated).when(new SuspendCase(ID, suspendAt, "检验检测", "样品送检"))
                .expectEvents(new CaseSuspended(ID, suspendAt, "检验检测", "样品送检"));
        rejects(400, "at.before-previous-event", new ExtendCase(ID, corrected.minusSeconds(1), 2, "x"), reinstated);
    }

    @Test
    void aLateCorrectionOrAManualRevocationIsNotReversed() {
        rejects(409, "correction.deadline-passed", new CorrectCase(ID, CORRECTION_DUE.plusSeconds(1), List.of("户口簿复印件")),
                revokedAutomatically());
        rejects(400, "items", new CorrectCase(ID, CORRECTION_DUE, List.of()), revokedAutomatically());
        rejects(400, "at.before-previous-event", new CorrectCase(ID, ACCEPTED.minusSeconds(1), List.of("x")), revokedAutomatically());
        rejects(409, "case.revoked", new CorrectCase(ID, ACCEPTED.plusSeconds(60), List.of("户口簿复印件")), submitted(),
                new CaseAccepted(ID, ACCEPTED, 1, 20, 3, DUE, false, new Deficiency(List.of("户口簿复印件"), 2, CORRECTION_DUE)),
                new AcceptanceRevoked(ID, ACCEPTED.plusSeconds(30), "申请人撤回", false));
        rejects(409, "case.revoked", new CompleteCase(ID, DUE, Outcome.APPROVED, null), revokedAutomatically());
    }

    /** A plain in-memory catalog: the rules need an item list, not a database. */
    static final class InMemoryCatalog implements ServiceCatalog {
        private final Map<String, ServiceGuide> items = Map.of(
                LOCAL_ITEM, guide(LOCAL_ITEM, "居民身份证换领", CrossRegionScope.NONE),
                WITHIN_ITEM, guide(WITHIN_ITEM, "个体工商户登记", CrossRegionScope.WITHIN_REGION),
                CROSS_ITEM, guide(CROSS_ITEM, "社会保障卡申领", CrossRegionScope.CROSS_PROVINCE));

        private static ServiceGuide guide(String code, String name, CrossRegionScope scope) {
            return new ServiceGuide(code, 1, name, ItemType.CONFIRMATION, "《中华人民共和国居民身份证法》", "650100-GA",
                    "乌鲁木齐市公安局", "650100", 20, 3, scope, BigDecimal.ZERO, Instant.parse("2024-01-01T00:00:00Z"));
        }

        @Override
        public Optional<ServiceGuide> current(String code) {
            return Optional.ofNullable(items.get(code));
        }

        @Override
        public Optional<ServiceGuide> version(String code, int version) {
            return current(code).filter(g -> g.version() == version);
        }
    }
}
