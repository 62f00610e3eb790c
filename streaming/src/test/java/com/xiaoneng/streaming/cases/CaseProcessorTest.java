package com.xiaoneng.streaming.cases;

import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.CaseAccepted;
import com.xiaoneng.events.CaseCorrected;
import com.xiaoneng.events.CaseEvent;
import com.xiaoneng.events.CaseExtended;
import com.xiaoneng.events.CaseNotAccepted;
import com.xiaoneng.events.CaseResumed;
import com.xiaoneng.events.CaseStatus;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.streaming.alerts.AlertLevel;
import com.xiaoneng.streaming.alerts.CaseAlert;
import com.xiaoneng.streaming.alerts.WarningRule;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.RawMessage;
import com.xiaoneng.streaming.testing.CaseStory;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import com.xiaoneng.streaming.counts.CaseCounts;
import com.xiaoneng.streaming.counts.CountRow;
import com.xiaoneng.streaming.counts.Counter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static com.xiaoneng.streaming.testing.CaseStory.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CaseProcessorTest {
    private KeyedOneInputStreamOperatorTestHarness<String, RawMessage, CaseEventRow> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.setProcessingTime(at("2025-03-01", 0).toEpochMilli());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RawMessage, CaseEventRow> newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CaseProcessor(WarningRule.DEFAULT, Duration.ofMinutes(10), Duration.ofSeconds(30))),
                RawMessage::key, Types.STRING);
    }

    private void send(EventEnvelope... events) throws Exception {
        for (EventEnvelope event : events) {
            harness.processElement(message(event, offset++), 0);
        }
    }

    private void sendAll(CaseStory story) throws Exception {
        send(story.events().toArray(EventEnvelope[]::new));
    }

    private void clock(Instant now) throws Exception {
        harness.setProcessingTime(now.toEpochMilli());
    }

    private List<Long> appliedSequences() {
        return harness.extractOutputValues().stream().map(CaseEventRow::sequence).toList();
    }

    private List<CaseState> facts() {
        return harness.getSideOutput(CaseProcessor.FACTS).stream().map(StreamRecord::getValue).toList();
    }

    private List<CountRow> counts() {
        Queue<StreamRecord<CountRow>> out = harness.getSideOutput(CaseProcessor.COUNTS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void theCountChangesAddUpToTheCaseAndDuplicatesOrAGapAddNothing() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-05", 15), Outcome.APPROVED).rated(at("2025-03-20", 0), 5, true)
                .supersededBy(at("2025-03-19", 9), 1).rectified(at("2025-03-25", 9), true);
        List<EventEnvelope> events = story.events();
        // out of order (a gap that fills), then everything again: a replay
        send(events.get(0), events.get(2), events.get(1));
        send(events.subList(3, events.size()).toArray(EventEnvelope[]::new));
        sendAll(story);

        List<CountRow> expected = CaseCounts.of(facts().get(facts().size() - 1));
        for (Counter counter : Counter.values()) {
            for (CountRow row : expected) {
                assertThat(counts().stream().filter(r -> r.sameKey(row)).mapToLong(r -> r.count(counter)).sum())
                        .as(counter + " on day " + row.day).isEqualTo(row.count(counter));
            }
            assertThat(counts().stream().mapToLong(r -> r.count(counter)).sum()).as(counter.name())
                    .isEqualTo(expected.stream().mapToLong(r -> r.count(counter)).sum());
        }
        assertThat(expected.stream().mapToLong(r -> r.count(Counter.RATED_BAD_RECTIFIED_ON_TIME)).sum()).isEqualTo(1);
    }

    private List<String> alerts() {
        Queue<StreamRecord<CaseAlert>> out = harness.getSideOutput(CaseProcessor.ALERTS);
        return out == null ? List.of() : out.stream()
                .map(r -> r.getValue().level() + "@" + r.getValue().dueAt()).toList();
    }

    private List<DeadLetter> deadLetters() {
        Queue<StreamRecord<DeadLetter>> out = harness.getSideOutput(CaseProcessor.DEAD_LETTERS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void appliesEveryEventTypeInOrder() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).acceptedWithDeficiency(at("2025-03-03", 10), 5, 3)
                .corrected(at("2025-03-04", 9)).suspended(at("2025-03-04", 10)).resumed(at("2025-03-05", 10))
                .extended(at("2025-03-06", 10), 2).completed(at("2025-03-07", 10), Outcome.APPROVED)
                .rated(at("2025-03-08", 10), 1, false).rectified(at("2025-03-10", 10), true);
        sendAll(story);

        assertThat(appliedSequences()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(harness.extractOutputValues()).extracting(CaseEventRow::type).containsExactly(
                "CaseSubmitted", "CaseAccepted", "CaseCorrected", "CaseSuspended", "CaseResumed", "CaseExtended",
                "CaseCompleted", "CaseRated", "BadRatingRectified");
        CaseState last = facts().get(facts().size() - 1);
        assertThat(last.lastSequence).isEqualTo(8);
        assertThat(last.ratingScore).isEqualTo(1);
        assertThat(last.rectifiedOnTime).isTrue();
        assertThat(last.onTime).isTrue();
        assertThat(facts()).hasSize(9);
    }

    @Test
    void duplicatesAndStaleEventsChangeNothing() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-04", 10), Outcome.APPROVED);
        List<EventEnvelope> events = story.events();
        send(events.get(0), events.get(0), events.get(1), events.get(0), events.get(1), events.get(2), events.get(2));
        sendAll(story);

        assertThat(appliedSequences()).containsExactly(0L, 1L, 2L);
        assertThat(facts()).hasSize(3);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void eventsAfterAGapWaitUntilItFills() throws Exception {
        List<EventEnvelope> events = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .extended(at("2025-03-04", 10), 1).completed(at("2025-03-05", 10), Outcome.APPROVED).events();
        send(events.get(0), events.get(3), events.get(2));
        assertThat(appliedSequences()).containsExactly(0L);

        send(events.get(1));
        assertThat(appliedSequences()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(facts().get(facts().size() - 1).lastSequence).isEqualTo(3);
    }

    @Test
    void aGapThatNeverFillsIsSkippedAfterTheTimeout() throws Exception {
        List<EventEnvelope> events = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .extended(at("2025-03-04", 10), 1).completed(at("2025-03-05", 10), Outcome.APPROVED).events();
        send(events.get(0), events.get(2), events.get(3));
        assertThat(appliedSequences()).containsExactly(0L);

        clock(at("2025-03-01", 0).plus(Duration.ofMinutes(10)));
        assertThat(appliedSequences()).containsExactly(0L, 2L, 3L);
        send(events.get(1));
        assertThat(appliedSequences()).containsExactly(0L, 2L, 3L);
    }

    @Test
    void malformedMessagesGoToTheDeadLetters() throws Exception {
        EventEnvelope good = CaseStory.of("c1").submitted(at("2025-03-03", 9)).last();
        String valid = new String(message(good, 0).value());
        harness.processElement(message("c1", "{not json", 1), 0);
        harness.processElement(message("c1", valid.replace("\"CaseSubmitted\"", "\"CaseExploded\""), 2), 0);
        harness.processElement(message("c2", valid, 3), 0);
        harness.processElement(message("c1", "", 4), 0);
        harness.processElement(new RawMessage("case-events", 0, 5, "c1", new byte[] {(byte) 0xff, (byte) 0xfe}), 0);
        EventEnvelope badScore = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-04", 10), Outcome.APPROVED).rated(at("2025-03-04", 11), 4, false).last();
        harness.processElement(message("c1", new String(message(badScore, 6).value()).replace("\"score\":4", "\"score\":9"), 6), 0);
        send(good);

        assertThat(deadLetters()).extracting(DeadLetter::offset).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(deadLetters().get(0).reason()).startsWith("not JSON");
        assertThat(deadLetters().get(1).reason()).contains("unknown event type CaseExploded");
        assertThat(deadLetters().get(2).reason()).contains("does not match the message key");
        assertThat(deadLetters().get(4).payloadEncoding()).isEqualTo("base64");
        assertThat(deadLetters().get(4).payload()).isEqualTo("//4=");
        assertThat(deadLetters().get(5).reason()).contains("score must be in 1..5");
        assertThat(deadLetters().get(5).payload()).contains("\"score\":9");
        assertThat(appliedSequences()).containsExactly(0L);
    }

    @Test
    void warnsYellowThenRedExactlyOnce() throws Exception {
        // 5 working days from Mon 2025-03-03: YELLOW at 00:00 Mon 03-10, due (RED) at 24:00 Mon 03-10
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        sendAll(story);
        clock(at("2025-03-09", 23));
        assertThat(alerts()).isEmpty();
        clock(at("2025-03-10", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + story.dueAt());
        clock(at("2025-03-10", 23));
        send(CaseStory.of("c1").submitted(at("2025-03-03", 9)).last());
        clock(at("2025-03-11", 0));
        clock(at("2025-03-20", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + story.dueAt(), "RED@" + story.dueAt());

        CaseAlert red = harness.getSideOutput(CaseProcessor.ALERTS).stream().skip(1).findFirst().orElseThrow().getValue();
        assertThat(red.level()).isEqualTo(AlertLevel.RED);
        assertThat(red.warnAt()).isEqualTo(story.dueAt());
        assertThat(red.allowedWorkingDays()).isEqualTo(5);
        assertThat(red.handlingRegion()).isEqualTo("650102");
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void noWarningWhenCompletedFirst() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        sendAll(story);
        clock(at("2025-03-07", 12));
        send(story.completed(at("2025-03-07", 12), Outcome.APPROVED).last());
        clock(at("2025-03-31", 0));
        assertThat(alerts()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void noWarningWhileSuspended() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .suspended(at("2025-03-04", 10));
        sendAll(story);
        clock(at("2025-03-20", 0));
        assertThat(alerts()).isEmpty();
        // resumed 9 working days later: due moves to the end of Fri 03-21, YELLOW at its start (1 day left)
        send(story.resumed(at("2025-03-17", 10)).last());
        assertThat(alerts()).isEmpty();
        clock(at("2025-03-21", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + story.dueAt());
    }

    @Test
    void anExtensionBringsNewWarningsForTheNewDueDate() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        sendAll(story);
        Instant firstDue = story.dueAt();
        clock(at("2025-03-10", 1));
        assertThat(alerts()).containsExactly("YELLOW@" + firstDue);

        // extended by 10 working days before it was overdue: the old RED timer must do nothing
        send(story.extended(at("2025-03-10", 9), 10).last());
        Instant newDue = story.dueAt();
        clock(at("2025-03-11", 1));
        assertThat(alerts()).containsExactly("YELLOW@" + firstDue);
        // 15 allowed days: 90% = 13.5 -> 14 used at 00:00 of the 15th working day, the due day Mon 03-24
        clock(at("2025-03-24", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + firstDue, "YELLOW@" + newDue);
        clock(at("2025-03-25", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + firstDue, "YELLOW@" + newDue, "RED@" + newDue);
    }

    @Test
    void historyReadLateWarnsOnlyAboutCasesStillOpenOnceItSettles() throws Exception {
        clock(at("2025-04-01", 9));
        CaseStory completedLater = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        CaseStory stillOpen = CaseStory.of("c2").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        sendAll(completedLater);
        sendAll(stillOpen);
        clock(at("2025-04-01", 9).plusSeconds(10));
        send(completedLater.completed(at("2025-03-12", 10), Outcome.APPROVED).last());
        assertThat(alerts()).isEmpty();

        clock(at("2025-04-01", 9).plusSeconds(45));
        assertThat(harness.getSideOutput(CaseProcessor.ALERTS)).extracting(r -> r.getValue().caseId() + " " + r.getValue().level())
                .containsExactly("c2 YELLOW", "c2 RED");
    }

    @Test
    void casesEnteredAfterTheFactAreWarnedOnlyIfStillOpenOnceQuiet() throws Exception {
        Instant now = at("2025-04-01", 9);
        clock(now);
        CaseStory completedLater = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        CaseStory stillOpen = CaseStory.of("c2").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        // recorded now, with business times a month ago: nothing is history to the job
        for (EventEnvelope event : concat(completedLater.events(), stillOpen.events())) {
            send(EventEnvelope.of(event.eventId(), event.sequence(), now, event.data()));
        }
        clock(now.plusSeconds(5));
        EventEnvelope completion = completedLater.completed(at("2025-03-12", 10), Outcome.APPROVED).last();
        send(EventEnvelope.of(completion.eventId(), completion.sequence(), now.plusSeconds(5), completion.data()));
        assertThat(alerts()).isEmpty();

        clock(now.plusSeconds(40));
        assertThat(harness.getSideOutput(CaseProcessor.ALERTS)).extracting(r -> r.getValue().caseId() + " " + r.getValue().level())
                .containsExactly("c2 YELLOW", "c2 RED");
    }

    @Test
    void aSupersededDefaultRatingIsReplacedOnceAndReplaysChangeNothing() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5)
                .completed(at("2025-03-04", 10), Outcome.APPROVED).rated(at("2025-03-12", 0), 4, true)
                .supersededBy(at("2025-03-11", 20), 5);
        sendAll(story);
        sendAll(story);

        assertThat(harness.extractOutputValues()).extracting(row -> row.type() + " " + row.ratingKey()).containsExactly(
                "CaseSubmitted ", "CaseAccepted ", "CaseCompleted ", "CaseRated c1", "DefaultRatingSuperseded c1",
                "CaseRated c1/2");
        CaseState last = facts().get(facts().size() - 1);
        assertThat(last.ratingScore).isEqualTo(5);
        assertThat(last.ratingDefaulted).isFalse();
        assertThat(last.ratedAt).isEqualTo(at("2025-03-11", 20));
        assertThat(facts()).hasSize(6);
    }

    @Test
    void aReinstatedCaseIsWarnedAboutAsAnyOpenCaseOncePerDueDate() throws Exception {
        // due at 24:00 Mon 03-10; correction due 24:00 Thu 03-06, revoked then; YELLOW at 00:00 Mon 03-10
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9))
                .acceptedWithDeficiency(at("2025-03-03", 10), 5, 3).revoked(at("2025-03-07", 0));
        sendAll(story);
        clock(at("2025-03-07", 9));
        assertThat(harness.numProcessingTimeTimers()).isZero();

        send(story.reinstated(at("2025-03-06", 17)).events().subList(3, 5).toArray(EventEnvelope[]::new));
        CaseState reopened = facts().get(facts().size() - 1);
        assertThat(reopened.status).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(reopened.revokedAt).isNull();
        assertThat(reopened.dueAt).isEqualTo(story.dueAt());
        assertThat(harness.extractOutputValues()).extracting(CaseEventRow::type, CaseEventRow::supersedesAt)
                .contains(tuple("AcceptanceReinstated", at("2025-03-07", 0)));

        clock(at("2025-03-10", 0));
        clock(at("2025-03-11", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + story.dueAt(), "RED@" + story.dueAt());
        sendAll(story);
        clock(at("2025-03-20", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + story.dueAt(), "RED@" + story.dueAt());
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aRevocationAfterTheWarningsAndItsReversalSendNothingTwice() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9))
                .acceptedWithDeficiency(at("2025-03-03", 10), 5, 3);
        sendAll(story);
        clock(at("2025-03-10", 1));
        assertThat(alerts()).containsExactly("YELLOW@" + story.dueAt());
        // history entered late: the automatic revocation, then the correction that was in time
        send(story.revoked(at("2025-03-07", 0)).last());
        send(story.reinstated(at("2025-03-06", 12)).events().subList(3, 5).toArray(EventEnvelope[]::new));
        clock(at("2025-03-12", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + story.dueAt(), "RED@" + story.dueAt());
    }

    /** An event of c1 recorded at 2025-03-03 09:00 or when it happened if later; by hand, since CaseStory builds valid ones. */
    private static EventEnvelope envelope(long sequence, CaseEvent data) {
        Instant recorded = data.occurredAt().isAfter(at("2025-03-03", 9)) && data.occurredAt().isBefore(Bounds.LATEST)
                ? data.occurredAt() : at("2025-03-03", 9);
        return EventEnvelope.of(UUID.randomUUID(), sequence, recorded, data);
    }

    private CaseState lastFacts() {
        return facts().get(facts().size() - 1);
    }

    @Test
    void farDatesGoToTheDeadLettersWithFieldAndRuleAndChangeNothing() throws Exception {
        CaseSubmitted submitted = (CaseSubmitted) CaseStory.of("c1").submitted(at("2025-03-03", 8)).last().data();
        send(envelope(0, submitted));
        long offsetBefore = offset;
        for (String far : List.of("-999999999-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1900-01-01T00:00:00Z",
                "2200-01-01T00:00:00Z")) {
            Instant at = Instant.parse(far);
            send(envelope(1, new CaseAccepted("c1", at, 1, 5, 5, at, false, null)));
            send(envelope(1, new CaseAccepted("c1", at("2025-03-03", 8), 1, 5, 5, at, false, null)));
            send(EventEnvelope.of(UUID.randomUUID(), 1, at, new CaseAccepted("c1", at("2025-03-03", 8), 1, 5, 5,
                    at("2025-03-10", 23), false, null)));
        }

        assertThat(deadLetters()).hasSize(12);
        assertThat(deadLetters()).extracting(DeadLetter::offset).first().isEqualTo(offsetBefore);
        List<String> reasons = deadLetters().stream().map(DeadLetter::reason).toList();
        assertThat(reasons.get(0)).startsWith("out of bounds: occurredAt at.too-early").contains("dueAt instant.range");
        assertThat(reasons.get(1)).isEqualTo("out of bounds: dueAt instant.range (dueAt -999999999-01-01T00:00:00Z lies"
                + " outside 1970-01-01T00:00:00Z..2105-12-31T16:00:00Z)");
        assertThat(reasons.get(2)).startsWith("out of bounds: recordedAt at.too-early");
        assertThat(reasons.get(9)).startsWith("out of bounds: occurredAt at.in-future").contains("dueAt instant.range");
        assertThat(reasons.get(11)).startsWith("out of bounds: recordedAt at.in-future");
        assertThat(appliedSequences()).containsExactly(0L);
        assertThat(facts()).hasSize(1);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        // the case goes on with the next good event
        send(CaseStory.of("c1").submitted(at("2025-03-03", 8)).accepted(at("2025-03-03", 10), 5).last());
        assertThat(appliedSequences()).containsExactly(0L, 1L);
    }

    @Test
    void historyStoredUnderAnEarlierLowerBoundIsApplied() throws Exception {
        // a command side configured with xiaoneng.rules.earliest=1990-01-01 to import old history
        sendAll(CaseStory.of("old").submitted(Instant.parse("1995-06-01T02:00:00Z"))
                .accepted(Instant.parse("1995-06-01T03:00:00Z"), 5).completed(Instant.parse("1995-06-02T03:00:00Z"),
                        Outcome.APPROVED));

        assertThat(deadLetters()).isEmpty();
        assertThat(appliedSequences()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void hugeTextsGoToTheDeadLettersCutToTheirFirst64KiB() throws Exception {
        send(CaseStory.of("c1").submitted(at("2025-03-03", 8)).last());
        String mebibyte = "办".repeat(1024 * 1024 / 3 + 1);
        send(envelope(1, new CaseNotAccepted("c1", at("2025-03-03", 8), mebibyte, null)));
        send(envelope(1, new CaseNotAccepted("c1", at("2025-03-03", 8), "x".repeat(2001), null)));

        assertThat(deadLetters()).hasSize(2);
        DeadLetter huge = deadLetters().get(0);
        assertThat(huge.reason()).startsWith("event.too-large: ").endsWith("at most 65536 are allowed");
        assertThat(huge.payloadBytes()).isGreaterThan(1024 * 1024);
        assertThat(huge.payloadEncoding()).isEqualTo("text");
        assertThat(huge.payload().getBytes(StandardCharsets.UTF_8).length).isBetween(DeadLetter.MAX_PAYLOAD_BYTES - 2,
                DeadLetter.MAX_PAYLOAD_BYTES);
        assertThat(deadLetters().get(1).reason()).startsWith("out of bounds: reason text.too-long");
        assertThat(appliedSequences()).containsExactly(0L);
    }

    @Test
    void tenMillionDaysAndSumsThatOverflowGoToTheDeadLetters() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 8)).accepted(at("2025-03-03", 10), 5)
                .suspended(at("2025-03-04", 10)).resumed(at("2025-03-05", 10));
        sendAll(story);
        CaseState before = lastFacts();
        send(envelope(4, new CaseExtended("c1", at("2025-03-06", 10), 10_000_000, "why", story.dueAt(), false)));
        send(envelope(4, new CaseResumed("c1", at("2025-03-06", 10), Integer.MAX_VALUE, story.dueAt(), false)));

        assertThat(deadLetters()).extracting(DeadLetter::reason).containsExactly(
                "out of bounds: days days.range (days must be in 0..365, was 10000000)",
                "ArithmeticException: integer overflow");
        assertThat(appliedSequences()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(facts()).hasSize(4);
        assertThat(lastFacts()).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void anEventThatFailsWhileAppliedLeavesTheStateAsItWas() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 8)).accepted(at("2025-03-03", 10), 5)
                .suspended(at("2025-03-04", 10)).resumed(at("2025-03-05", 10)).suspended(at("2025-03-06", 10));
        sendAll(story);
        // CaseResumed sets suspended = false before the sum of suspended days overflows
        send(envelope(5, new CaseResumed("c1", at("2025-03-07", 10), Integer.MAX_VALUE, story.dueAt(), false)));
        send(envelope(5, new CaseCorrected("c1", at("2025-03-07", 11), List.of("身份证明"))));

        assertThat(deadLetters()).extracting(DeadLetter::reason).containsExactly("ArithmeticException: integer overflow");
        assertThat(lastFacts().lastSequence).isEqualTo(5);
        assertThat(lastFacts().suspended).isTrue();
        assertThat(lastFacts().status).isEqualTo(CaseStatus.SUSPENDED);
        assertThat(lastFacts().suspendedWorkingDays).isEqualTo(1);

        // a failing event held after a gap is dead-lettered too; the one before it lands
        send(envelope(7, new CaseResumed("c1", at("2025-03-10", 10), Integer.MAX_VALUE, story.dueAt(), false)));
        send(envelope(6, new CaseCorrected("c1", at("2025-03-10", 9), List.of("身份证明"))));
        assertThat(appliedSequences()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(deadLetters()).extracting(DeadLetter::reason).containsExactly("ArithmeticException: integer overflow",
                "held after a sequence gap: ArithmeticException: integer overflow");
        assertThat(deadLetters().get(1).payload()).contains("\"sequence\":7");
        assertThat(lastFacts().suspended).isTrue();
        assertThat(lastFacts().lastSequence).isEqualTo(6);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aWarningTimerThatThrowsIsDroppedAndTheJobGoesOn() throws Exception {
        CaseStory broken = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        CaseStory fine = CaseStory.of("c2").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        sendAll(broken);
        sendAll(fine);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(4);
        // as an older version of the job stored it: a due date no instant arithmetic survives
        KeyedStateBackend<String> backend = harness.getOperator() instanceof KeyedProcessOperator<?, ?, ?> op
                ? op.getKeyedStateBackend() : null;
        backend.setCurrentKey("c1");
        ValueState<CaseState> stored = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new ValueStateDescriptor<>("case", TypeInformation.of(CaseState.class)));
        CaseState corrupt = stored.value();
        corrupt.dueAt = Instant.parse("-999999999-01-01T00:00:00Z");
        stored.update(corrupt);

        clock(at("2025-03-20", 0));
        assertThat(harness.getSideOutput(CaseProcessor.ALERTS)).extracting(r -> r.getValue().caseId() + " " + r.getValue().level())
                .containsExactly("c2 YELLOW", "c2 RED");
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(stored.value().yellowTimer).isNull();
        assertThat(stored.value().redTimer).isNull();
    }

    private static List<EventEnvelope> concat(List<EventEnvelope> a, List<EventEnvelope> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void stateAndTimersSurviveASnapshotAndRestore() throws Exception {
        CaseStory story = CaseStory.of("c1").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
        sendAll(story);
        OperatorSubtaskState snapshot = harness.snapshot(1, at("2025-03-05", 0).toEpochMilli());
        harness.close();

        harness = newHarness();
        harness.setProcessingTime(at("2025-03-05", 0).toEpochMilli());
        harness.initializeState(snapshot);
        harness.open();
        sendAll(story);
        assertThat(appliedSequences()).isEmpty();
        clock(at("2025-03-12", 0));
        assertThat(alerts()).containsExactly("YELLOW@" + story.dueAt(), "RED@" + story.dueAt());
    }
}
