package com.xiaoneng.streaming.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.events.InvalidEventException;
import com.xiaoneng.streaming.alerts.AlertLevel;
import com.xiaoneng.streaming.alerts.CaseAlert;
import com.xiaoneng.streaming.alerts.WarningRule;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.RawMessage;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Folds each case's events (keyed by the Kafka key, the case id) into {@link CaseState}.
 *
 * <ul>
 *   <li>Main output: one {@link CaseEventRow} per applied event. Side outputs: the case's state after
 *   each change ({@link #FACTS}), warnings ({@link #ALERTS}) and unusable messages ({@link #DEAD_LETTERS}).</li>
 *   <li>An event whose sequence is not newer than the last applied one is a duplicate or stale
 *   (at-least-once delivery, replays) and changes nothing.</li>
 *   <li>An event past a gap (sequence 5 after 3) waits in state until the gap fills, since the event
 *   store's sequences have no gaps and Kafka keeps a case's order. If the gap is still open after
 *   {@code gapTimeout} of processing time the missing events are taken as lost: the waiting ones
 *   are applied in order and the skip is logged.</li>
 *   <li>Warnings follow {@link WarningRule} on processing-time timers; each level is sent once per
 *   due date, and a timer left from an outdated due date finds nothing to send.</li>
 *   <li>A case that looks overdue may have its completion a few messages further on: while the job
 *   reads history (a replay, catching up after downtime), or when cases are entered after the fact
 *   with past business times. Warning it then would be a false alarm, so a warning also waits until
 *   the case has had no event for {@code warningSettle} and this subtask has read no event recorded
 *   more than {@code warningSettle} ago for {@code warningSettle}. Against due dates days away that
 *   costs nothing; after a replay it delays the warnings of cases still open by about that long.</li>
 * </ul>
 */
public class CaseProcessor extends KeyedProcessFunction<String, RawMessage, CaseEventRow> {
    public static final OutputTag<CaseState> FACTS = new OutputTag<>("case-facts", TypeInformation.of(CaseState.class));
    public static final OutputTag<CaseAlert> ALERTS = new OutputTag<>("case-alerts", TypeInformation.of(CaseAlert.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private static final Logger LOG = LoggerFactory.getLogger(CaseProcessor.class);

    private final WarningRule rule;
    private final long gapTimeoutMillis;
    private final long settleMillis;

    private transient WorkingDayCalendar calendar;
    private transient ValueState<CaseState> state;
    private transient MapState<Long, byte[]> pending;
    private transient ValueState<Long> gapTimer;
    /**
     * Processing time at which this subtask last read an event older than the settle time; null until
     * the first element or timer after (re)start, which counts as such a read: timers restored from a
     * checkpoint fire before the backlog since that checkpoint has been read.
     */
    private transient Long lastOldEventAt;

    public CaseProcessor(WarningRule rule, Duration gapTimeout, Duration warningSettle) {
        this.rule = rule;
        this.gapTimeoutMillis = gapTimeout.toMillis();
        this.settleMillis = warningSettle.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        calendar = WorkingDayCalendar.shipped();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("case", TypeInformation.of(CaseState.class)));
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending-events", Types.LONG, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        gapTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("gap-timer", Types.LONG));
    }

    @Override
    public void processElement(RawMessage message, Context ctx, Collector<CaseEventRow> out) throws Exception {
        EventEnvelope envelope = parse(message, ctx.getCurrentKey(), dead -> ctx.output(DEAD_LETTERS, dead));
        if (envelope == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (lastOldEventAt == null || now - envelope.recordedAt().toEpochMilli() > settleMillis) {
            lastOldEventAt = now;
        }
        CaseState current = state.value();
        CaseState facts = current != null ? current : CaseState.of(ctx.getCurrentKey());
        long sequence = envelope.sequence();
        if (sequence <= facts.lastSequence) {
            LOG.debug("case {}: ignoring duplicate or stale event {} (sequence {} <= {})",
                    facts.caseId, envelope.eventId(), sequence, facts.lastSequence);
            return;
        }
        if (sequence > facts.lastSequence + 1) {
            pending.put(sequence, message.value());
            if (gapTimer.value() == null) {
                long at = ctx.timerService().currentProcessingTime() + gapTimeoutMillis;
                ctx.timerService().registerProcessingTimeTimer(at);
                gapTimer.update(at);
            }
            LOG.debug("case {}: holding sequence {} until {} arrives", facts.caseId, sequence, facts.lastSequence + 1);
            return;
        }
        apply(facts, envelope, out);
        drainPending(facts, out, false);
        changed(facts, ctx.timerService(), alert -> ctx.output(ALERTS, alert), f -> ctx.output(FACTS, f));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CaseEventRow> out) throws Exception {
        CaseState facts = state.value();
        if (Objects.equals(gapTimer.value(), timestamp)) {
            gapTimer.clear();
            if (facts == null) {
                facts = CaseState.of(ctx.getCurrentKey());
            }
            drainPending(facts, out, true);
            changed(facts, ctx.timerService(), alert -> ctx.output(ALERTS, alert), f -> ctx.output(FACTS, f));
            return;
        }
        if (facts != null) {
            warn(facts, ctx.timerService(), alert -> ctx.output(ALERTS, alert));
            state.update(facts);
        }
    }

    private EventEnvelope parse(RawMessage message, String key, Consumer<DeadLetter> deadLetters) {
        try {
            EventEnvelope envelope = EventJson.read(message.value());
            if (!envelope.caseId().equals(key)) {
                throw new InvalidEventException("caseId " + envelope.caseId() + " does not match the message key " + key);
            }
            return envelope;
        } catch (InvalidEventException e) {
            deadLetters.accept(DeadLetter.of(message, e.getMessage()));
        } catch (RuntimeException e) {
            deadLetters.accept(DeadLetter.of(message, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return null;
    }

    private void apply(CaseState facts, EventEnvelope envelope, Collector<CaseEventRow> out) {
        facts.apply(envelope, calendar);
        out.collect(CaseEventRow.of(envelope, facts));
    }

    /** Applies waiting events that now follow on; with {@code skipGaps}, all of them in order. */
    private void drainPending(CaseState facts, Collector<CaseEventRow> out, boolean skipGaps) throws Exception {
        if (pending.isEmpty()) {
            return;
        }
        List<Long> sequences = new ArrayList<>();
        pending.keys().forEach(sequences::add);
        sequences.sort(null);
        for (long sequence : sequences) {
            if (sequence <= facts.lastSequence) {
                pending.remove(sequence);
            } else if (sequence == facts.lastSequence + 1 || skipGaps) {
                if (sequence != facts.lastSequence + 1) {
                    LOG.warn("case {}: sequences {}..{} never arrived within the gap timeout; applying {} without them",
                            facts.caseId, facts.lastSequence + 1, sequence - 1, sequence);
                }
                apply(facts, EventJson.read(pending.get(sequence)), out);
                pending.remove(sequence);
            } else {
                break;
            }
        }
    }

    private void changed(CaseState facts, TimerService timers, Consumer<CaseAlert> alerts, Consumer<CaseState> factsOut)
            throws Exception {
        facts.changedAt = timers.currentProcessingTime();
        if (pending.isEmpty() && gapTimer.value() != null) {
            timers.deleteProcessingTimeTimer(gapTimer.value());
            gapTimer.clear();
        }
        warn(facts, timers, alerts);
        state.update(facts);
        factsOut.accept(facts);
    }

    /** Sends the warnings now due for the current due date and keeps one timer per level still to come. */
    private void warn(CaseState facts, TimerService timers, Consumer<CaseAlert> alerts) {
        long now = timers.currentProcessingTime();
        if (lastOldEventAt == null) {
            lastOldEventAt = now;
        }
        long settled = Math.max(lastOldEventAt, facts.changedAt == null ? 0 : facts.changedAt) + settleMillis;
        Long yellowAt = null;
        Long redAt = null;
        if (facts.warnable()) {
            Instant yellow = rule.yellowAt(facts, calendar);
            if (!facts.dueAt.equals(facts.yellowSentFor)) {
                long at = Math.max(yellow.toEpochMilli(), settled);
                if (at <= now) {
                    alerts.accept(alert(facts, AlertLevel.YELLOW, yellow, now));
                    facts.yellowSentFor = facts.dueAt;
                } else {
                    yellowAt = at;
                }
            }
            if (!facts.dueAt.equals(facts.redSentFor)) {
                long at = Math.max(facts.dueAt.toEpochMilli(), settled);
                if (at <= now) {
                    alerts.accept(alert(facts, AlertLevel.RED, facts.dueAt, now));
                    facts.redSentFor = facts.dueAt;
                } else {
                    redAt = at;
                }
            }
        }
        facts.yellowTimer = retime(timers, facts.yellowTimer, yellowAt);
        facts.redTimer = retime(timers, facts.redTimer, redAt);
    }

    private static Long retime(TimerService timers, Long registered, Long wanted) {
        if (Objects.equals(registered, wanted)) {
            return registered;
        }
        if (registered != null) {
            timers.deleteProcessingTimeTimer(registered);
        }
        if (wanted != null) {
            timers.registerProcessingTimeTimer(wanted);
        }
        return wanted;
    }

    private CaseAlert alert(CaseState facts, AlertLevel level, Instant warnAt, long now) {
        return new CaseAlert(facts.caseId, level, facts.dueAt, warnAt, Instant.ofEpochMilli(now), facts.acceptedAt,
                rule.allowedWorkingDays(facts, calendar), facts.handlingRegion, facts.agencyCode, facts.itemCode);
    }
}
