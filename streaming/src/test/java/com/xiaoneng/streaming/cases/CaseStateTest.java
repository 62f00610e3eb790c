package com.xiaoneng.streaming.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.CaseAccepted;
import com.xiaoneng.events.CaseExtended;
import com.xiaoneng.events.CaseStatus;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.streaming.testing.CaseStory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static org.assertj.core.api.Assertions.assertThat;

class CaseStateTest {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    private static CaseState fold(CaseStory story) {
        CaseState state = CaseState.of(story.caseId());
        for (EventEnvelope event : story.events()) {
            state.apply(event, CALENDAR);
        }
        return state;
    }

    @Test
    void submittedTakesItemRegionsChannelAndApplicant() {
        CaseState state = fold(CaseStory.of("c1").submitted(at("2025-03-03", 9), "653101", "650102", Channel.HALL,
                "A-650100-01", "ITEM-007"));
        assertThat(state.status).isEqualTo(CaseStatus.SUBMITTED);
        assertThat(state.itemCode).isEqualTo("ITEM-007");
        assertThat(state.agencyCode).isEqualTo("A-650100-01");
        assertThat(state.acceptingRegion).isEqualTo("653101");
        assertThat(state.handlingRegion).isEqualTo("650102");
        assertThat(state.crossRegionMode).isEqualTo(CrossRegionMode.WITHIN_REGION);
        assertThat(state.channel).isEqualTo(Channel.HALL);
        assertThat(state.applicantPseudonym).startsWith("p-");
        assertThat(state.submittedAt).isEqualTo(at("2025-03-03", 9));
        assertThat(state.lastSequence).isZero();
    }

    @Test
    void acceptedSetsDueDateAndDeficiency() {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9))
                .acceptedWithDeficiency(at("2025-03-03", 10), 5, 3);
        CaseState state = fold(story);
        assertThat(state.status).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(state.acceptedAt).isEqualTo(at("2025-03-03", 10));
        // Mon 3 March + 5 working days = Mon 10 March, due at its 24:00
        assertThat(state.dueAt).isEqualTo(at("2025-03-11", 0));
        assertThat(state.statutoryLimitDays).isEqualTo(5);
        assertThat(state.deficiencyCorrectionDueAt).isEqualTo(at("2025-03-07", 0));
        assertThat(state.warnable()).isTrue();

        state.apply(story.corrected(at("2025-03-04", 9)).last(), CALENDAR);
        assertThat(state.correctedAt).isEqualTo(at("2025-03-04", 9));
        assertThat(state.status).isEqualTo(CaseStatus.ACCEPTED);
    }

    @Test
    void notAcceptedAndRevokedCloseTheCase() {
        CaseState notAccepted = fold(CaseStory.of("c1").submitted(at("2025-03-03", 9)).notAccepted(at("2025-03-03", 11)));
        assertThat(notAccepted.status).isEqualTo(CaseStatus.NOT_ACCEPTED);
        assertThat(notAccepted.notAcceptedAt).isEqualTo(at("2025-03-03", 11));
        assertThat(notAccepted.warnable()).isFalse();

        CaseState revoked = fold(CaseStory.of("c2").submitted(at("2025-03-03", 9))
                .acceptedWithDeficiency(at("2025-03-03", 10), 5, 3).revoked(at("2025-03-07", 0)));
        assertThat(revoked.status).isEqualTo(CaseStatus.REVOKED);
        assertThat(revoked.revokedAt).isEqualTo(at("2025-03-07", 0));
        assertThat(revoked.warnable()).isFalse();
    }

    @Test
    void aReinstatementReopensTheCaseWithItsFormerDueDate() {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9))
                .acceptedWithDeficiency(at("2025-03-03", 10), 5, 3).revoked(at("2025-03-07", 0));
        CaseState state = fold(story);
        assertThat(state.status).isEqualTo(CaseStatus.REVOKED);

        for (EventEnvelope event : story.reinstated(at("2025-03-06", 16)).events().subList(3, 5)) {
            state.apply(event, CALENDAR);
        }
        assertThat(state.status).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(state.revokedAt).isNull();
        assertThat(state.dueAt).isEqualTo(at("2025-03-11", 0));
        assertThat(state.correctedAt).isEqualTo(at("2025-03-06", 16));
        assertThat(state.warnable()).isTrue();
    }

    @Test
    void aSupersededDefaultRatingCountsNowhere() {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-04", 10), Outcome.APPROVED).rated(at("2025-03-12", 0), 4, true);
        CaseState state = fold(story);
        assertThat(state.ratingDefaulted).isTrue();

        List<EventEnvelope> late = story.supersededBy(at("2025-03-10", 15), 2).events().subList(4, 6);
        state.apply(late.get(0), CALENDAR);
        assertThat(state.ratingScore).isNull();
        assertThat(state.ratingDefaulted).isNull();
        assertThat(state.ratedAt).isNull();
        assertThat(state.supersededRatedAt).isEqualTo(at("2025-03-12", 0));
        assertThat(CaseEventRow.of(late.get(0), state).ratingKey()).isEqualTo("c1");
        assertThat(CaseEventRow.of(late.get(0), state).supersedesAt()).isEqualTo(at("2025-03-12", 0));

        state.apply(late.get(1), CALENDAR);
        assertThat(state.ratingScore).isEqualTo(2);
        assertThat(state.ratingDefaulted).isFalse();
        assertThat(state.ratedAt).isEqualTo(at("2025-03-10", 15));
        assertThat(state.rectificationDueAt).isNotNull();
        assertThat(CaseEventRow.of(late.get(1), state).ratingKey()).isEqualTo("c1/2");
    }

    @Test
    void suspensionStopsWarningsAndResumptionMovesTheDueDate() {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .suspended(at("2025-03-04", 10));
        CaseState state = fold(story);
        assertThat(state.status).isEqualTo(CaseStatus.SUSPENDED);
        assertThat(state.suspended).isTrue();
        assertThat(state.warnable()).isFalse();

        state.apply(story.resumed(at("2025-03-06", 10)).last(), CALENDAR);
        assertThat(state.status).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(state.suspended).isFalse();
        assertThat(state.suspendedWorkingDays).isEqualTo(2);
        assertThat(state.dueAt).isEqualTo(at("2025-03-13", 0));
        assertThat(state.warnable()).isTrue();
    }

    @Test
    void extensionAddsWorkingDays() {
        CaseState state = fold(CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .extended(at("2025-03-07", 10), 3));
        assertThat(state.extendedDays).isEqualTo(3);
        assertThat(state.dueAt).isEqualTo(at("2025-03-14", 0));
    }

    @Test
    void completionRecordsOutcomeOnTimeAndWorkingDays() {
        CaseState state = fold(CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-07", 15), Outcome.DENIED));
        assertThat(state.status).isEqualTo(CaseStatus.COMPLETED);
        assertThat(state.outcome).isEqualTo(Outcome.DENIED);
        assertThat(state.onTime).isTrue();
        assertThat(state.workingDaysToComplete).isEqualTo(4);
        assertThat(state.completedAt).isEqualTo(at("2025-03-07", 15));
        assertThat(state.warnable()).isFalse();
    }

    @Test
    void completionAcrossAHolidayCountsWorkingDaysOnly() {
        // 2025-04-04 (Fri) is 清明 and 2025-05-01..05 the Labour Day holiday
        CaseState state = fold(CaseStory.of("c1").submitted(at("2025-04-03", 9)).accepted(at("2025-04-03", 10), 1)
                .completed(at("2025-04-08", 9), Outcome.APPROVED));
        assertThat(state.dueAt).isEqualTo(at("2025-04-08", 0));
        assertThat(state.onTime).isFalse();
        assertThat(state.workingDaysToComplete).isEqualTo(2);
    }

    @Test
    void ratingAndRectification() {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-05", 15), Outcome.APPROVED).rated(at("2025-03-06", 9), 2, false);
        CaseState state = fold(story);
        assertThat(state.ratingScore).isEqualTo(2);
        assertThat(state.ratingDefaulted).isFalse();
        assertThat(state.ratedAt).isEqualTo(at("2025-03-06", 9));
        assertThat(state.rectificationDueAt).isNotNull();

        state.apply(story.rectified(at("2025-03-10", 9), true).last(), CALENDAR);
        assertThat(state.rectifiedAt).isEqualTo(at("2025-03-10", 9));
        assertThat(state.rectifiedOnTime).isTrue();
        assertThat(state.lastSequence).isEqualTo(4);
        assertThat(state.lastRecordedAt).isEqualTo(at("2025-03-10", 9).plusMillis(5));
    }

    @Test
    void defaultRating() {
        CaseState state = fold(CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-05", 15), Outcome.APPROVED).rated(at("2025-03-13", 0), 4, true));
        assertThat(state.ratingScore).isEqualTo(4);
        assertThat(state.ratingDefaulted).isTrue();
        assertThat(state.rectificationDueAt).isNull();
    }

    @Test
    void eventRowCarriesDimensionsAndRollupValues() {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9), "310101", "650102", Channel.MOBILE,
                "A-1", "ITEM-1").accepted(at("2025-03-03", 10), 5).completed(at("2025-03-04", 10), Outcome.APPROVED);
        CaseState state = CaseState.of("c1");
        List<EventEnvelope> events = story.events();
        CaseEventRow row = null;
        for (EventEnvelope event : events) {
            state.apply(event, CALENDAR);
            row = CaseEventRow.of(event, state);
        }
        assertThat(row.type()).isEqualTo("CaseCompleted");
        assertThat(row.handlingRegion()).isEqualTo("650102");
        assertThat(row.crossRegionMode()).isEqualTo("CROSS_PROVINCE");
        assertThat(row.onTime()).isTrue();
        assertThat(row.workingDays()).isEqualTo(1);
        assertThat(row.payload()).contains("\"outcome\":\"APPROVED\"");
    }

    @Test
    void anExtensionOfAProvisionalDueDateStaysProvisionalAsOnTheCommandSide() {
        // the holiday data for the due date's year arrived after acceptance: the extension alone is not provisional
        CaseState state = fold(CaseStory.of("c1").submitted(at("2025-03-03", 9)));
        state.apply(EventEnvelope.of(UUID.randomUUID(), 1, at("2025-03-03", 10), new CaseAccepted("c1",
                at("2025-03-03", 10), 1, 5, 5, at("2025-03-11", 0), true, null)), CALENDAR);
        state.apply(EventEnvelope.of(UUID.randomUUID(), 2, at("2025-03-04", 10), new CaseExtended("c1",
                at("2025-03-04", 10), 2, "site visit", at("2025-03-13", 0), false)), CALENDAR);
        assertThat(state.dueProvisional).isTrue();
        assertThat(state.dueAt).isEqualTo(at("2025-03-13", 0));
    }
}
