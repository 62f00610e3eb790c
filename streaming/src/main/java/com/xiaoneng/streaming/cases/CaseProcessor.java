package com.xiaoneng.streaming.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.events.InvalidEventException;
import com.xiaoneng.streaming.alerts.AlertLevel;
import com.xiaoneng.streaming.alerts.CaseAlert;
import com.xiaoneng.streaming.alerts.WarningRule;
import com.xiaoneng.streaming.counts.CaseCounts;
import com.xiaoneng.streaming.counts.CountRow;
import com.xiaoneng.streaming.counts.OpenOverdue;
import com.xiaoneng.streaming.counts.OverdueRow;
import com.xiaoneng.streaming.counts.RectificationOverdue;
import com.xiaoneng.streaming.counts.RectificationOverdueRow;
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
import org.apache.flink.api.common.typeutils.TypeSerializer;
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
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Folds each case's events (keyed by the Kafka key, the case id) into {@link CaseState}.
 *
 * <ul>
 *   <li>Main output: one {@link CaseEventRow} per applied event. Side outputs: the case's state after
 *   each change ({@link #FACTS}), what that change adds to the counters ({@link #COUNTS}), warnings
 *   ({@link #ALERTS}) and unusable messages ({@link #DEAD_LETTERS}).</li>
 *   <li>An event whose sequence is not newer than the last applied one is a duplicate or stale
 *   (at-least-once delivery, replays) and changes nothing.</li>
 *   <li>An event past a gap (sequence 5 after 3) waits in state until the gap fills, since the event
 *   store's sequences have no gaps and Kafka keeps a case's order. If the gap is still open after
 *   {@code gapTimeout} of processing time the missing events are taken as lost: the waiting ones
 *   are applied in order and the skip is logged.</li>
 *   <li>A message the job cannot use goes to {@link #DEAD_LETTERS} with the reason and changes nothing:
 *   too large, not the contract, outside its {@link Bounds}, or failing while applied (overflow, any
 *   RuntimeException). Each message is applied to a copy of the state that is stored only when all
 *   of its work succeeded; a warning timer that throws is logged and dropped, so that one case cannot
 *   fail the job and restart it in a loop.</li>
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
    /** What each change of a case adds to the counters (negative where it stops counting): case_counts. */
    public static final OutputTag<CountRow> COUNTS = new OutputTag<>("case-counts", TypeInformation.of(CountRow.class));
    public static final OutputTag<OverdueRow> OVERDUE =
            new OutputTag<>("case-overdue-changes", TypeInformation.of(OverdueRow.class));
    public static final OutputTag<RectificationOverdueRow> RECTIFICATION_OVERDUE = new OutputTag<>(
            "case-rectification-overdue-changes", TypeInformation.of(RectificationOverdueRow.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private static final Logger LOG = LoggerFactory.getLogger(CaseProcessor.class);
    /**
     * The contract's widest bounds: whatever a door's settings let it store is applied, and only what no
     * consumer can hold (before 1970, past ClickHouse's DateTime, over-long texts) is set aside.
     */
    private static final Bounds BOUNDS = Bounds.WIDEST;

    private final WarningRule rule;
    private final long gapTimeoutMillis;
    private final long settleMillis;

    private transient WorkingDayCalendar calendar;
    private transient ValueState<CaseState> state;
    private transient MapState<Long, byte[]> pending;
    private transient ValueState<Long> gapTimer;
    private transient TypeSerializer<CaseState> stateSerializer;
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
        stateSerializer = getRuntimeContext().createSerializer(TypeInformation.of(CaseState.class));
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
        Step step = new Step(state.value(), ctx.getCurrentKey(), gapTimer.value() != null);
        long sequence = envelope.sequence();
        long last = step.facts.lastSequence;
        if (sequence <= last) {
            LOG.debug("case {}: ignoring duplicate or stale event {} (sequence {} <= {})",
                    step.facts.caseId, envelope.eventId(), sequence, last);
            return;
        }
        if (sequence > last + 1) {
            pending.put(sequence, message.value());
            if (!step.holding) {
                long at = ctx.timerService().currentProcessingTime() + gapTimeoutMillis;
                ctx.timerService().registerProcessingTimeTimer(at);
                gapTimer.update(at);
            }
            LOG.debug("case {}: holding sequence {} until {} arrives", step.facts.caseId, sequence, last + 1);
            return;
        }
        try {
            step.apply(envelope);
            drainPending(step, false);
            commit(step, ctx.timerService(), ctx::output, out);
        } catch (RuntimeException e) {
            // nothing was committed: state, held events and outputs are as before this message
            LOG.warn("case {}: event {} (sequence {}) cannot be applied, sent to the dead letters: {}",
                    step.facts.caseId, envelope.eventId(), sequence, reason(e));
            ctx.output(DEAD_LETTERS, DeadLetter.of(message, reason(e)));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CaseEventRow> out) throws Exception {
        CaseState stored = state.value();
        if (Objects.equals(gapTimer.value(), timestamp)) {
            gapTimer.clear();
            Step step = new Step(stored, ctx.getCurrentKey(), true);
            try {
                drainPending(step, true);
                commit(step, ctx.timerService(), ctx::output, out);
            } catch (RuntimeException e) {
                // a timer that throws fails the job and fires again after the restart: give the held events up
                LOG.error("case {}: applying the events held after a gap failed; sending them to the dead letters",
                        ctx.getCurrentKey(), e);
                for (Map.Entry<Long, byte[]> held : pending.entries()) {
                    ctx.output(DEAD_LETTERS, held(ctx.getCurrentKey(), held.getValue(), reason(e)));
                }
                pending.clear();
            }
            return;
        }
        if (stored == null) {
            return;
        }
        CaseState facts = stateSerializer.copy(stored);
        List<CaseAlert> alerts = new ArrayList<>();
        try {
            warn(facts, ctx.timerService(), alerts::add);
        } catch (RuntimeException e) {
            // thrown on, it would fail the job, and the restored timer would fire and fail again after each restart;
            // Flink has removed the fired timer, so the state forgets it too
            LOG.error("case {}: warning timer at {} failed and is dropped", stored.caseId, timestamp, e);
            stored.yellowTimer = Objects.equals(stored.yellowTimer, timestamp) ? null : stored.yellowTimer;
            stored.redTimer = Objects.equals(stored.redTimer, timestamp) ? null : stored.redTimer;
            state.update(stored);
            return;
        }
        state.update(facts);
        alerts.forEach(alert -> ctx.output(ALERTS, alert));
    }

    /**
     * The event, or null after sending the message to the dead letters: too large, not the contract,
     * keyed for another case, or outside the contract's {@link Bounds} (a value no consumer can hold).
     */
    private EventEnvelope parse(RawMessage message, String key, Consumer<DeadLetter> deadLetters) {
        try {
            if (message.value().length > Bounds.MAX_EVENT_BYTES) {
                throw new InvalidEventException("event.too-large: " + message.value().length + " bytes, at most "
                        + Bounds.MAX_EVENT_BYTES + " are allowed");
            }
            EventEnvelope envelope = EventJson.read(message.value());
            if (!envelope.caseId().equals(key)) {
                throw new InvalidEventException("caseId " + envelope.caseId() + " does not match the message key " + key);
            }
            List<Bounds.Violation> violations = violations(envelope);
            if (!violations.isEmpty()) {
                throw new InvalidEventException("out of bounds: " + violations.stream()
                        .map(v -> v.field() + " " + v.rule() + " (" + v.message() + ")")
                        .collect(Collectors.joining("; ")));
            }
            return envelope;
        } catch (InvalidEventException e) {
            deadLetters.accept(DeadLetter.of(message, e.getMessage()));
        } catch (RuntimeException e) {
            deadLetters.accept(DeadLetter.of(message, reason(e)));
        }
        return null;
    }

    /**
     * The envelope's times go into case_events as they are: recordedAt must lie before {@link Bounds#LATEST}
     * (and after the earliest time) before the payload's times can be held against it.
     */
    private static List<Bounds.Violation> violations(EventEnvelope envelope) {
        Optional<Bounds.Violation> recorded = BOUNDS.businessTime("recordedAt", envelope.recordedAt(), Bounds.LATEST);
        if (recorded.isPresent()) {
            return List.of(recorded.get());
        }
        List<Bounds.Violation> found = new ArrayList<>(BOUNDS.check(envelope.data(), envelope.recordedAt()));
        if (!envelope.occurredAt().equals(envelope.data().occurredAt())) {
            BOUNDS.businessTime("envelope.occurredAt", envelope.occurredAt(), envelope.recordedAt()).ifPresent(found::add);
        }
        return found;
    }

    private static String reason(RuntimeException e) {
        return e instanceof InvalidEventException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static DeadLetter held(String key, byte[] value, String reason) {
        return DeadLetter.of(new RawMessage(null, -1, -1, key, value), "held after a sequence gap: " + reason);
    }

    /**
     * One message's work before it is committed: the state it leads to, the rows, and the held
     * events it used up (applied or dead-lettered). Each event is applied to a copy, since the heap
     * state backend hands out the stored object itself and a failing event must leave it as it was.
     */
    private final class Step {
        /** The state before the message: never changed, each event is applied to a copy. */
        final CaseState before;
        CaseState facts;
        final List<CaseEventRow> rows = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<Long> doneHeld = new ArrayList<>();
        /**
         * Whether events of the case wait after a gap: the gap timer is set exactly while some do, and one read of
         * it is cheaper than asking the map (an iterator seek in RocksDB) on every event.
         */
        final boolean holding;

        Step(CaseState stored, String key, boolean holding) {
            this.before = stored != null ? stored : CaseState.of(key);
            this.facts = before;
            this.holding = holding;
        }

        void apply(EventEnvelope envelope) {
            CaseState next = stateSerializer.copy(facts);
            next.apply(envelope, calendar);
            rows.add(CaseEventRow.of(envelope, next));
            facts = next;
        }
    }

    /** Applies waiting events that now follow on; with {@code skipGaps}, all of them in order. */
    private void drainPending(Step step, boolean skipGaps) throws Exception {
        if (!step.holding) {
            return;
        }
        List<Long> sequences = new ArrayList<>();
        pending.keys().forEach(sequences::add);
        sequences.sort(null);
        for (long sequence : sequences) {
            CaseState facts = step.facts;
            if (sequence <= facts.lastSequence) {
                step.doneHeld.add(sequence);
            } else if (sequence == facts.lastSequence + 1 || skipGaps) {
                if (sequence != facts.lastSequence + 1) {
                    LOG.warn("case {}: sequences {}..{} never arrived within the gap timeout; applying {} without them",
                            facts.caseId, facts.lastSequence + 1, sequence - 1, sequence);
                }
                byte[] value = pending.get(sequence);
                try {
                    step.apply(EventJson.read(value));
                } catch (RuntimeException e) {
                    LOG.warn("case {}: held event {} cannot be applied, sent to the dead letters: {}",
                            facts.caseId, sequence, reason(e));
                    step.deadLetters.add(held(facts.caseId, value, reason(e)));
                }
                step.doneHeld.add(sequence);
            } else {
                break;
            }
        }
    }

    /** Warnings first, since they may throw; after them nothing does, so the step lands whole or not at all. */
    private void commit(Step step, TimerService timers, SideOutputs outputs, Collector<CaseEventRow> out)
            throws Exception {
        CaseState facts = step.facts;
        List<CaseAlert> alerts = new ArrayList<>();
        // no row: every held event was refused or stale, and the state stays as it was
        if (!step.rows.isEmpty()) {
            facts.changedAt = timers.currentProcessingTime();
            warn(facts, timers, alerts::add);
        }
        for (long sequence : step.doneHeld) {
            pending.remove(sequence);
        }
        if (step.holding && pending.isEmpty() && gapTimer.value() != null) {
            timers.deleteProcessingTimeTimer(gapTimer.value());
            gapTimer.clear();
        }
        if (!step.rows.isEmpty()) {
            state.update(facts);
            step.rows.forEach(out::collect);
            alerts.forEach(alert -> outputs.output(ALERTS, alert));
            outputs.output(FACTS, facts);
            CaseCounts.change(step.before, facts).forEach(row -> outputs.output(COUNTS, row));
            OpenOverdue.change(step.before, facts).forEach(row -> outputs.output(OVERDUE, row));
            RectificationOverdue.change(step.before, facts).forEach(row -> outputs.output(RECTIFICATION_OVERDUE, row));
        }
        step.deadLetters.forEach(dead -> outputs.output(DEAD_LETTERS, dead));
    }

    /** {@code Context::output}, for both the element's and the timer's context. */
    private interface SideOutputs {
        <X> void output(OutputTag<X> tag, X value);
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
