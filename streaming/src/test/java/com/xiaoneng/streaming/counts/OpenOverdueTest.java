package com.xiaoneng.streaming.counts;

import com.xiaoneng.events.Outcome;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.testing.CaseStory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import static com.xiaoneng.streaming.counts.CaseCountsTest.fold;
import static com.xiaoneng.streaming.testing.CaseStory.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The running sum of open overdue against the case_facts condition it replaces, at every instant that matters. */
class OpenOverdueTest {
    private static List<CaseStory> stories() {
        return List.of(
                CaseStory.of("on-time").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                        .completed(at("2025-03-05", 15), Outcome.APPROVED),
                CaseStory.of("late").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 2)
                        .completed(at("2025-03-20", 15), Outcome.APPROVED),
                CaseStory.of("open").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 2),
                CaseStory.of("revoked-late").submitted(at("2025-03-03", 9)).acceptedWithDeficiency(at("2025-03-03", 10), 2, 1)
                        .revoked(at("2025-03-12", 0)),
                CaseStory.of("reinstated").submitted(at("2025-03-03", 9)).acceptedWithDeficiency(at("2025-03-03", 10), 2, 3)
                        .revoked(at("2025-03-07", 0)).reinstated(at("2025-03-06", 9)),
                CaseStory.of("suspended").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 2)
                        .suspended(at("2025-03-10", 9)),
                CaseStory.of("resumed").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 2)
                        .suspended(at("2025-03-04", 9)).resumed(at("2025-03-11", 9))
                        .completed(at("2025-03-25", 9), Outcome.APPROVED),
                CaseStory.of("extended").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 2)
                        .extended(at("2025-03-04", 9), 5).completed(at("2025-03-14", 9), Outcome.APPROVED),
                CaseStory.of("not-accepted").submitted(at("2025-03-03", 9)).notAccepted(at("2025-03-04", 9)));
    }

    @Test
    void theSumUpToAnInstantIsWhetherTheCaseIsOpenAndOverdueThen() {
        for (CaseStory story : stories()) {
            CaseState state = fold(story);
            List<OverdueRow> rows = OpenOverdue.of(state);
            for (Instant asOf : instantsAround(state)) {
                long sum = CaseCountsTest.upTo(rows, asOf.toEpochMilli());
                assertThat(sum).as(story.caseId() + " at " + asOf).isEqualTo(openOverdue(state, asOf) ? 1 : 0);
            }
        }
    }

    @Test
    void theChangesOfAllEventsAddUpToTheFinalRows() {
        CaseCountsTest.assertChangesAddUp(stories(), OpenOverdue::change, OpenOverdue::of,
                OpenOverdueTest::instantsAround);
    }

    @Test
    void aCaseCompletedInTimeOrNotAcceptedHasNoRows() {
        assertThat(OpenOverdue.of(fold(stories().get(0)))).isEmpty();
        assertThat(OpenOverdue.of(fold(stories().get(8)))).isEmpty();
        assertThat(OpenOverdue.of(fold(stories().get(5)))).as("suspended").isEmpty();
        assertThat(OpenOverdue.of(fold(stories().get(2)))).singleElement()
                .satisfies(row -> assertThat(row.change).isEqualTo(1));
    }

    /** The condition of the case_facts query (MetricSql.openOverdue), in milliseconds as ClickHouse compares. */
    private static boolean openOverdue(CaseState s, Instant asOf) {
        long at = asOf.toEpochMilli();
        return s.acceptedAt != null && s.acceptedAt.toEpochMilli() <= at
                && (s.completedAt == null || s.completedAt.toEpochMilli() > at)
                && (s.revokedAt == null || s.revokedAt.toEpochMilli() > at)
                && !s.suspended && s.dueAt != null && s.dueAt.toEpochMilli() < at;
    }

    /** Every instant of the case, one millisecond either side, and days around them. */
    private static TreeSet<Instant> instantsAround(CaseState s) {
        TreeSet<Instant> instants = new TreeSet<>();
        for (Instant at : new Instant[]{s.submittedAt, s.acceptedAt, s.dueAt, s.completedAt, s.revokedAt}) {
            if (at != null) {
                for (long ms : new long[]{-86_400_000L, -1, 0, 1, 86_400_000L}) {
                    instants.add(at.plusMillis(ms));
                }
            }
        }
        return instants;
    }
}
