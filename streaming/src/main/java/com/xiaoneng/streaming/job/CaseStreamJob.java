package com.xiaoneng.streaming.job;

import com.xiaoneng.streaming.alerts.CaseAlert;
import com.xiaoneng.streaming.alerts.WarningRule;
import com.xiaoneng.streaming.cases.CaseEventRow;
import com.xiaoneng.streaming.cases.CaseProcessor;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.counts.CountRow;
import com.xiaoneng.streaming.counts.OverdueRow;
import com.xiaoneng.streaming.counts.RectificationOverdueRow;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.KeyCheck;
import com.xiaoneng.streaming.ingest.RawMessage;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Duration;

/**
 * The pipeline, independent of where messages come from and where results go: {@link StreamingMain}
 * wires Kafka and ClickHouse, tests wire in-memory sources and sinks (apache/flink-training style).
 * Operator uids are fixed so that state restores across versions of the job.
 */
public final class CaseStreamJob {
    private CaseStreamJob() {
    }

    /**
     * Where results go: ClickHouse tables and Kafka topics in production. {@code counts} and
     * {@code regionCounts} receive the same changes (case_counts and its coarser case_counts_by_region);
     * {@code overdue} the changes of the number open overdue (case_overdue_changes), {@code rectificationOverdue}
     * those of the bad ratings unrectified past their limit (case_rectification_overdue_changes).
     */
    public record Sinks(Sink<CaseEventRow> events, Sink<CaseState> facts, Sink<CountRow> counts,
                        Sink<CountRow> regionCounts, Sink<OverdueRow> overdue,
                        Sink<RectificationOverdueRow> rectificationOverdue, Sink<CaseAlert> alertsTable,
                        Sink<CaseAlert> alertsTopic, Sink<DeadLetter> deadLetters) {
    }

    public static void attach(DataStream<RawMessage> messages, Sinks sinks, WarningRule rule, Duration gapTimeout,
                              Duration warningSettle) {
        SingleOutputStreamOperator<RawMessage> keyed = messages
                .process(new KeyCheck()).uid("key-check").name("key check");
        SingleOutputStreamOperator<CaseEventRow> events = keyed
                .keyBy(RawMessage::key, Types.STRING)
                .process(new CaseProcessor(rule, gapTimeout, warningSettle)).uid("cases").name("case state");

        events.sinkTo(sinks.events()).uid("case-events-sink").name("case_events");
        events.getSideOutput(CaseProcessor.FACTS).sinkTo(sinks.facts()).uid("case-facts-sink").name("case_facts");
        DataStream<CountRow> counts = events.getSideOutput(CaseProcessor.COUNTS);
        counts.sinkTo(sinks.counts()).uid("case-counts-sink").name("case_counts");
        counts.sinkTo(sinks.regionCounts()).uid("case-counts-by-region-sink").name("case_counts_by_region");
        events.getSideOutput(CaseProcessor.OVERDUE).sinkTo(sinks.overdue())
                .uid("case-overdue-changes-sink").name("case_overdue_changes");
        events.getSideOutput(CaseProcessor.RECTIFICATION_OVERDUE).sinkTo(sinks.rectificationOverdue())
                .uid("case-rectification-overdue-changes-sink").name("case_rectification_overdue_changes");
        DataStream<CaseAlert> alerts = events.getSideOutput(CaseProcessor.ALERTS);
        alerts.sinkTo(sinks.alertsTable()).uid("case-alerts-table-sink").name("case_alerts");
        alerts.sinkTo(sinks.alertsTopic()).uid("case-alerts-topic-sink").name("case-alerts topic");
        keyed.getSideOutput(KeyCheck.DEAD_LETTERS)
                .union(events.getSideOutput(CaseProcessor.DEAD_LETTERS))
                .sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dead letters");
    }
}
