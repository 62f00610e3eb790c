package com.xiaoneng.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CaseFactsTest {
    private static final Instant T = Instant.parse("2025-03-03T02:00:00Z");
    private static final Instant DUE = Instant.parse("2025-03-10T16:00:00Z");

    private static CaseFacts fold(CaseEvent... events) {
        CaseFacts facts = new CaseFacts();
        for (CaseEvent event : events) {
            facts.apply(event);
        }
        return facts;
    }

    private static CaseSubmitted submitted() {
        return new CaseSubmitted("c1", T, "ITEM-1", 1, "item", ItemType.LICENSE, "A-1", "agency", ApplicantType.PERSON,
                "p-1", Channel.ONLINE, "650102", "650102", CrossRegionMode.LOCAL);
    }

    private static CaseAccepted accepted(boolean provisional) {
        return new CaseAccepted("c1", T.plusSeconds(60), 1, 5, 5, DUE, provisional, null);
    }

    /** One event of every type the contract permits; a type missing here fails {@link #everyEventTypeHasARule}. */
    private static final List<CaseEvent> ONE_OF_EACH = List.of(
            submitted(), accepted(false),
            new CaseNotAccepted("c1", T, "why", null),
            new CaseCorrected("c1", T, List.of("id card")),
            new AcceptanceRevoked("c1", T, "why", false),
            new AcceptanceReinstated("c1", T, T, DUE, false),
            new CaseSuspended("c1", T, "hearing", "why"),
            new CaseResumed("c1", T, 2, DUE, false),
            new CaseExtended("c1", T, 3, "why", DUE, false),
            new CaseCompleted("c1", T, Outcome.APPROVED, null, DUE, true),
            new CaseRated("c1", T, 1, null, false, DUE),
            new DefaultRatingSuperseded("c1", T, T, 4),
            new BadRatingRectified("c1", T, "measures", true));

    @Test
    void everyEventTypeHasARule() {
        Map<Class<?>, CaseEvent> samples = ONE_OF_EACH.stream()
                .collect(Collectors.toMap(CaseEvent::getClass, Function.identity()));
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.asList(CaseEvent.class.getPermittedSubclasses()));
        for (CaseEvent sample : ONE_OF_EACH) {
            // throws "no lifecycle rule for …" for a type the fold does not know
            new CaseFacts().apply(sample);
        }
    }

    @Test
    void aProvisionalDueDateStaysProvisionalUntilComputedAfresh() {
        CaseFacts facts = fold(submitted(), accepted(true), new CaseExtended("c1", T, 3, "why", DUE.plusSeconds(86400), false));
        assertThat(facts.dueProvisional).as("an extension counts on from the provisional date").isTrue();

        facts.apply(new CaseSuspended("c1", T, "hearing", "why"));
        facts.apply(new CaseResumed("c1", T, 1, DUE.plusSeconds(2 * 86400), false));
        assertThat(facts.dueProvisional).isTrue();

        CaseFacts certain = fold(submitted(), accepted(false), new CaseExtended("c1", T, 3, "why", DUE, true));
        assertThat(certain.dueProvisional).as("counted across a year without holiday data").isTrue();

        CaseFacts reinstated = fold(submitted(), accepted(true), new AcceptanceRevoked("c1", T, "late", true),
                new AcceptanceReinstated("c1", T, T, DUE, false));
        assertThat(reinstated.dueProvisional).as("a reinstatement carries the due date as decided then").isFalse();
    }

    @Test
    void automaticStepsDoNotMoveTheLatestFact() {
        Instant completed = T.plusSeconds(3600);
        Instant ratingDeadline = completed.plusSeconds(5 * 86400);
        CaseFacts facts = fold(submitted(), accepted(false), new CaseCompleted("c1", completed, Outcome.APPROVED, null, DUE, true),
                new CaseRated("c1", ratingDeadline, 4, null, true, null));
        assertThat(facts.lastFactAt).isEqualTo(completed);
        assertThat(facts.ratedAt).isEqualTo(ratingDeadline);

        facts.apply(new DefaultRatingSuperseded("c1", completed.plusSeconds(60), ratingDeadline, 4));
        assertThat(facts.ratingScore).isNull();
        assertThat(facts.supersededRatedAt).isEqualTo(ratingDeadline);
        assertThat(facts.lastFactAt).isEqualTo(completed.plusSeconds(60));
    }

    @Test
    void theCorrectionDeadlinePendsOnlyWhileTheCaseIsOpenAndUncorrected() {
        Instant correctionDue = T.plusSeconds(3 * 86400);
        CaseAccepted withDeficiency = new CaseAccepted("c1", T, 1, 5, 5, DUE, false,
                new Deficiency(List.of("id card"), 3, correctionDue));
        assertThat(fold(submitted(), withDeficiency).pendingCorrectionDueAt()).isEqualTo(correctionDue);
        assertThat(fold(submitted(), withDeficiency, new CaseCorrected("c1", T, List.of("id card")))
                .pendingCorrectionDueAt()).isNull();
        CaseFacts revoked = fold(submitted(), withDeficiency, new AcceptanceRevoked("c1", correctionDue, "late", true));
        assertThat(revoked.pendingCorrectionDueAt()).isNull();
        assertThat(revoked.revokedAutomatically).isTrue();
        assertThat(revoked.lastFactAt).as("the automatic revocation is no fact").isEqualTo(T);
        assertThat(fold(submitted(), withDeficiency, new CaseCompleted("c1", T, Outcome.APPROVED, null, DUE, true))
                .pendingCorrectionDueAt()).isNull();
    }
}
