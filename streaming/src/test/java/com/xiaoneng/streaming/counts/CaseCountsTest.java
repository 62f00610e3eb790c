package com.xiaoneng.streaming.counts;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.clickhouse.CounterSql;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.testing.CaseStory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The counters of a case, and that the changes the job emits per event add up to what the case counts at the end. */
class CaseCountsTest {
    static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    /** Every event's change, in order, as the job emits them. */
    static List<CountRow> changes(CaseStory story) {
        return changes(story, CaseCounts::change);
    }

    static <R> List<R> changes(CaseStory story, BiFunction<CaseState, CaseState, List<R>> change) {
        List<R> changes = new ArrayList<>();
        CaseState state = CaseState.of(story.caseId());
        for (EventEnvelope event : story.events()) {
            CaseState next = copy(state);
            next.apply(event, CALENDAR);
            changes.addAll(change.apply(state, next));
            state = next;
        }
        return changes;
    }

    /** Of running-sum rows (case_overdue_changes and its like): the change up to and including {@code at}. */
    static long upTo(List<? extends OverdueRow> rows, long at) {
        return rows.stream().filter(r -> r.at <= at).mapToLong(r -> r.change).sum();
    }

    /** Every event's change of a running sum, added up, is at every instant what the case's end state gives. */
    static <R extends OverdueRow> void assertChangesAddUp(List<CaseStory> stories,
            BiFunction<CaseState, CaseState, List<R>> change, Function<CaseState, List<R>> of,
            Function<CaseState, ? extends Collection<Instant>> instants) {
        for (CaseStory story : stories) {
            List<R> changes = changes(story, change);
            CaseState state = fold(story);
            List<R> end = of.apply(state);
            for (Instant asOf : instants.apply(state)) {
                assertThat(upTo(changes, asOf.toEpochMilli())).as(story.caseId() + " at " + asOf)
                        .isEqualTo(upTo(end, asOf.toEpochMilli()));
            }
        }
    }

    static CaseState fold(CaseStory story) {
        CaseState state = CaseState.of(story.caseId());
        story.events().forEach(event -> state.apply(event, CALENDAR));
        return state;
    }

    /** The counter summed over the rows of one local day. */
    static long sum(List<CountRow> rows, Counter counter, String day) {
        int epochDay = (int) LocalDate.parse(day).toEpochDay();
        return rows.stream().filter(r -> r.day == epochDay).mapToLong(r -> r.count(counter)).sum();
    }

    static long sum(List<CountRow> rows, Counter counter) {
        return rows.stream().mapToLong(r -> r.count(counter)).sum();
    }

    @Test
    void theCountersAreTheFactsRulesInTheirOrder() {
        assertThat(Arrays.stream(Counter.values()).map(Counter::column).toList()).isEqualTo(CounterSql.columns());
    }

    @Test
    void aCompletedCaseCountsOnItsDaysUnderItsDimensions() {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9), "653101", "650102", Channel.HALL,
                        "A-650100-01", "ITEM-001")
                .accepted(at("2025-03-03", 10), 5).completed(at("2025-03-05", 15), Outcome.APPROVED)
                .rated(at("2025-03-06", 8), 2, false).rectified(at("2025-03-10", 9), true);
        List<CountRow> rows = CaseCounts.of(fold(story));
        assertThat(rows).extracting(r -> LocalDate.ofEpochDay(r.day).toString())
                .containsExactly("2025-03-03", "2025-03-05", "2025-03-06", "2025-03-10");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.handlingRegion).isEqualTo("650102");
            assertThat(r.channel).isEqualTo("HALL");
            assertThat(r.crossRegionMode).isEqualTo("WITHIN_REGION");
        });
        assertThat(sum(rows, Counter.SUBMITTED, "2025-03-03")).isEqualTo(1);
        assertThat(sum(rows, Counter.SUBMITTED_COMPLETED, "2025-03-03")).isEqualTo(1);
        assertThat(sum(rows, Counter.SUBMITTED_ON_TIME, "2025-03-03")).isEqualTo(1);
        assertThat(sum(rows, Counter.ACCEPTED, "2025-03-03")).isEqualTo(1);
        assertThat(sum(rows, Counter.COMPLETED, "2025-03-05")).isEqualTo(1);
        assertThat(sum(rows, Counter.COMPLETED_ON_TIME, "2025-03-05")).isEqualTo(1);
        // Mon 03-03 to Wed 03-05: Tue and Wed
        assertThat(sum(rows, Counter.COMPLETED_WORKING_DAYS, "2025-03-05")).isEqualTo(2);
        assertThat(sum(rows, Counter.RATED_BAD, "2025-03-06")).isEqualTo(1);
        assertThat(sum(rows, Counter.RATED_BAD_RECTIFIED, "2025-03-06")).isEqualTo(1);
        assertThat(sum(rows, Counter.RATED_BAD_RECTIFIED_ON_TIME, "2025-03-06")).isEqualTo(1);
        assertThat(sum(rows, Counter.RECTIFIED_ON_TIME, "2025-03-10")).isEqualTo(1);
        assertThat(sum(rows, Counter.RATED_GOOD)).isZero();
    }

    @Test
    void theChangesOfAllEventsAddUpToTheFinalCounts() {
        List<CaseStory> stories = List.of(
                CaseStory.of("a").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                        .completed(at("2025-03-20", 15), Outcome.APPROVED).rated(at("2025-03-25", 0), 5, true)
                        .supersededBy(at("2025-03-24", 9), 1).rectified(at("2025-04-20", 9), false),
                CaseStory.of("b").submitted(at("2025-03-03", 9)).acceptedWithDeficiency(at("2025-03-03", 10), 5, 3)
                        .revoked(at("2025-03-07", 0)).reinstated(at("2025-03-06", 9))
                        .completed(at("2025-03-12", 9), Outcome.DENIED),
                CaseStory.of("c").submitted(at("2025-03-03", 9)).notAccepted(at("2025-03-04", 9)));
        for (CaseStory story : stories) {
            List<CountRow> changes = changes(story);
            List<CountRow> end = CaseCounts.of(fold(story));
            for (Counter counter : Counter.values()) {
                for (CountRow row : end) {
                    String day = LocalDate.ofEpochDay(row.day).toString();
                    assertThat(sum(changes, counter, day)).as(story.caseId() + " " + counter + " " + day)
                            .isEqualTo(sum(end, counter, day));
                }
                assertThat(sum(changes, counter)).as(story.caseId() + " " + counter).isEqualTo(sum(end, counter));
            }
        }
    }

    @Test
    void aSupersededDefaultMovesTheRatingToTheRealOnesDay() {
        CaseStory story = CaseStory.of("a").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-05", 15), Outcome.APPROVED).rated(at("2025-03-20", 0), 5, true);
        CaseState defaulted = fold(story);
        story.supersededBy(at("2025-03-19", 9), 4);
        CaseState real = fold(story);
        List<CountRow> change = CaseCounts.change(defaulted, real);
        assertThat(sum(change, Counter.RATED, "2025-03-20")).isEqualTo(-1);
        assertThat(sum(change, Counter.RATED_DEFAULTED, "2025-03-20")).isEqualTo(-1);
        assertThat(sum(change, Counter.RATED_GOOD, "2025-03-20")).isEqualTo(-1);
        assertThat(sum(change, Counter.RATED, "2025-03-19")).isEqualTo(1);
        assertThat(sum(change, Counter.RATED_GOOD, "2025-03-19")).isEqualTo(1);
        assertThat(sum(change, Counter.RATED_DEFAULTED, "2025-03-19")).isZero();
        assertThat(sum(change, Counter.SUBMITTED)).as("nothing else moves").isZero();
    }

    @Test
    void aReinstatementTakesTheRevocationOffAndAnEventThatChangesNoCounterEmitsNothing() {
        CaseStory story = CaseStory.of("b").submitted(at("2025-03-03", 9)).acceptedWithDeficiency(at("2025-03-03", 10), 5, 3)
                .revoked(at("2025-03-07", 0));
        CaseState revoked = fold(story);
        assertThat(sum(CaseCounts.of(revoked), Counter.REVOKED, "2025-03-07")).isEqualTo(1);
        story.reinstated(at("2025-03-06", 9));
        assertThat(sum(CaseCounts.change(revoked, fold(story)), Counter.REVOKED, "2025-03-07")).isEqualTo(-1);

        CaseState accepted = fold(CaseStory.of("d").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5));
        CaseState suspended = fold(CaseStory.of("d").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .suspended(at("2025-03-04", 9)));
        // a suspended case cannot become overdue: only its future day of becoming so is taken off
        assertThat(CaseCounts.change(accepted, suspended)).singleElement().satisfies(row -> {
            assertThat(row.count(Counter.BECAME_OVERDUE)).isEqualTo(-1);
            assertThat(Arrays.stream(Counter.values()).filter(c -> c != Counter.BECAME_OVERDUE).map(row::count))
                    .allMatch(count -> count == 0);
        });
        assertThat(CaseCounts.change(CaseState.of("e"), CaseState.of("e"))).isEmpty();
    }

    /** The job copies with its state serializer; every field here is immutable, so a field-by-field copy does. */
    private static CaseState copy(CaseState state) {
        CaseState copy = new CaseState();
        for (java.lang.reflect.Field field : CaseState.class.getFields()) {
            try {
                field.set(copy, field.get(state));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return copy;
    }
}
