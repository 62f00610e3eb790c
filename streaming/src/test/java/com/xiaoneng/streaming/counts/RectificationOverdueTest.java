package com.xiaoneng.streaming.counts;

import com.xiaoneng.calendar.WorkingDayCalendar;
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

/** The running sum of bad ratings unrectified past their limit, against the condition at every instant that matters. */
class RectificationOverdueTest {
    private static CaseStory completed(String id) {
        return CaseStory.of(id).submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-05", 15), Outcome.APPROVED);
    }

    private static List<CaseStory> stories() {
        return List.of(
                completed("never-rectified").rated(at("2025-03-06", 10), 1, false),
                completed("rectified-late").rated(at("2025-03-06", 10), 2, false).rectified(at("2025-04-20", 9), false),
                completed("rectified-in-time").rated(at("2025-03-06", 10), 1, false).rectified(at("2025-03-10", 9), true),
                completed("good").rated(at("2025-03-06", 10), 5, false),
                // the default 满意 owes nothing; the applicant's own 1, given later, does from its own limit
                completed("superseded").rated(at("2025-03-13", 0), 5, true).supersededBy(at("2025-03-07", 10), 1));
    }

    @Test
    void theSumUpToAnInstantIsWhetherTheBadRatingIsUnrectifiedPastItsLimitThen() {
        for (CaseStory story : stories()) {
            CaseState state = fold(story);
            List<RectificationOverdueRow> rows = RectificationOverdue.of(state);
            for (Instant asOf : instantsAround(state)) {
                long sum = CaseCountsTest.upTo(rows, asOf.toEpochMilli());
                assertThat(sum).as(story.caseId() + " at " + asOf).isEqualTo(overdue(state, asOf) ? 1 : 0);
            }
            rows.forEach(row -> assertThat(row.ratedDay).as(story.caseId())
                    .isEqualTo((int) WorkingDayCalendar.localDay(state.ratedAt).toEpochDay()));
        }
    }

    @Test
    void theChangesOfAllEventsAddUpToTheFinalRows() {
        CaseCountsTest.assertChangesAddUp(stories(), RectificationOverdue::change, RectificationOverdue::of,
                RectificationOverdueTest::instantsAround);
    }

    @Test
    void onlyABadRatingNotRectifiedInTimeHasRows() {
        assertThat(RectificationOverdue.of(fold(stories().get(0)))).singleElement()
                .satisfies(row -> assertThat(row.change).isEqualTo(1));
        assertThat(RectificationOverdue.of(fold(stories().get(1)))).extracting(row -> row.change).containsExactly(1L, -1L);
        assertThat(RectificationOverdue.of(fold(stories().get(2)))).isEmpty();
        assertThat(RectificationOverdue.of(fold(stories().get(3)))).isEmpty();
    }

    /** The dashboards' condition (rating_score <= 2, unrectified, limit passed), as it stood at {@code asOf}. */
    private static boolean overdue(CaseState s, Instant asOf) {
        long at = asOf.toEpochMilli();
        return s.ratingScore != null && s.ratingScore <= 2 && s.rectificationDueAt != null
                && s.rectificationDueAt.toEpochMilli() < at
                && (s.rectifiedAt == null || s.rectifiedAt.toEpochMilli() > at);
    }

    private static TreeSet<Instant> instantsAround(CaseState s) {
        TreeSet<Instant> instants = new TreeSet<>();
        for (Instant at : new Instant[]{s.ratedAt, s.rectificationDueAt, s.rectifiedAt}) {
            if (at != null) {
                for (long ms : new long[]{-86_400_000L, -1, 0, 1, 86_400_000L}) {
                    instants.add(at.plusMillis(ms));
                }
            }
        }
        return instants;
    }
}
