package com.xiaoneng.streaming.job;

import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.Outcome;
import com.xiaoneng.streaming.alerts.CaseAlert;
import com.xiaoneng.streaming.alerts.WarningRule;
import com.xiaoneng.streaming.cases.CaseEventRow;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.counts.Counter;
import com.xiaoneng.streaming.counts.CountRow;
import com.xiaoneng.streaming.counts.OverdueRow;
import com.xiaoneng.streaming.counts.RectificationOverdueRow;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.RawMessage;
import com.xiaoneng.streaming.testing.CaseStory;
import com.xiaoneng.streaming.testing.CollectingSink;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static com.xiaoneng.streaming.testing.CaseStory.message;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole pipeline on a MiniCluster with in-memory messages and sinks, at parallelism 2. */
class CaseStreamJobTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void foldsCasesDropsDuplicatesAndRoutesBadMessagesAside() throws Exception {
        List<CaseStory> stories = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CaseStory story = CaseStory.of("case-" + i).submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5);
            if (i % 2 == 0) {
                story.completed(at("2025-03-05", 10), Outcome.APPROVED).rated(at("2025-03-06", 10), 1 + i % 5, false);
            }
            stories.add(story);
        }
        List<RawMessage> messages = new ArrayList<>();
        long offset = 0;
        for (int round = 0; round < 2; round++) {
            for (CaseStory story : stories) {
                for (EventEnvelope event : story.events()) {
                    messages.add(message(event, offset++));
                }
            }
        }
        messages.add(message("case-1", "{\"type\":", offset++));
        messages.add(message(null, "{}", offset));

        CollectingSink<CaseEventRow> events = new CollectingSink<>("events");
        CollectingSink<CaseState> facts = new CollectingSink<>("facts");
        CollectingSink<CountRow> counts = new CollectingSink<>("counts");
        CollectingSink<CountRow> regionCounts = new CollectingSink<>("region-counts");
        CollectingSink<OverdueRow> overdue = new CollectingSink<>("overdue");
        CollectingSink<RectificationOverdueRow> rectificationOverdue = new CollectingSink<>("rectification-overdue");
        CollectingSink<CaseAlert> alertsTable = new CollectingSink<>("alerts-table");
        CollectingSink<CaseAlert> alertsTopic = new CollectingSink<>("alerts-topic");
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>("dead-letters");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CaseStreamJob.attach(env.fromData(messages), new CaseStreamJob.Sinks(events, facts, counts, regionCounts,
                overdue, rectificationOverdue, alertsTable, alertsTopic, deadLetters), WarningRule.DEFAULT, Duration.ofMinutes(10), Duration.ofMinutes(1));
        env.execute("case stream test");

        int eventCount = stories.stream().mapToInt(s -> s.events().size()).sum();
        assertThat(events.rows()).hasSize(eventCount);
        assertThat(events.rows().stream().map(r -> r.caseId() + "#" + r.sequence()).distinct()).hasSize(eventCount);
        // the single-threaded source fans out round-robin before keyBy, so a case's events may arrive out of
        // order; a gap is held back and applied with the event that fills it, under one facts row
        assertThat(facts.rows()).hasSizeLessThanOrEqualTo(eventCount);
        Map<String, CaseState> latest = facts.rows().stream().collect(Collectors.toMap(s -> s.caseId, Function.identity(),
                (a, b) -> a.lastSequence >= b.lastSequence ? a : b));
        assertThat(latest).hasSize(50);
        for (CaseStory story : stories) {
            assertThat(latest.get(story.caseId()).lastSequence).isEqualTo(story.last().sequence());
        }
        assertThat(latest.get("case-0").ratingScore).isEqualTo(1);
        assertThat(latest.get("case-0").workingDaysToComplete).isEqualTo(2);
        assertThat(latest.get("case-1").completedAt).isNull();
        // the duplicate round adds nothing: the changes add up to what the 50 cases count once
        for (CollectingSink<CountRow> sink : List.of(counts, regionCounts)) {
            assertThat(total(sink, Counter.SUBMITTED)).isEqualTo(50);
            assertThat(total(sink, Counter.ACCEPTED)).isEqualTo(50);
            assertThat(total(sink, Counter.COMPLETED)).isEqualTo(25);
            assertThat(total(sink, Counter.RATED)).isEqualTo(25);
            assertThat(total(sink, Counter.RATED_BAD)).isEqualTo(10);
        }
        // the 25 open cases are overdue from their due instant on, for good; a completed one may have been until
        // its completion took that back (unless both were applied in one step, after a gap)
        assertThat(overdue.rows().stream().mapToLong(row -> row.change).sum()).isEqualTo(25);
        // all of it is history read at once (recorded in 2025): no warning before it settles
        assertThat(alertsTable.rows()).isEmpty();
        assertThat(alertsTopic.rows()).isEmpty();
        assertThat(deadLetters.rows().stream().sorted(Comparator.comparingLong(DeadLetter::offset)).toList())
                .extracting(DeadLetter::reason)
                .satisfiesExactly(r -> assertThat(r).startsWith("not JSON"), r -> assertThat(r).contains("no key"));
    }

    private static long total(CollectingSink<CountRow> sink, Counter counter) {
        return sink.rows().stream().mapToLong(row -> row.count(counter)).sum();
    }
}
