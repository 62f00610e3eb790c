package com.xiaoneng.streaming.bench;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.localstack.kafka.KafkaBroker;
import com.xiaoneng.streaming.cases.CaseEventRow;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.clickhouse.CaseEventsTable;
import com.xiaoneng.streaming.clickhouse.CaseFactsTable;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.streaming.clickhouse.ClickHouseSettings;
import com.xiaoneng.streaming.clickhouse.ClickHouseTable;
import com.xiaoneng.streaming.clickhouse.HttpInserter;
import com.xiaoneng.streaming.job.CaseStreamJob;
import com.xiaoneng.streaming.job.StreamingConfig;
import com.xiaoneng.streaming.job.StreamingMain;
import com.xiaoneng.streaming.testing.CaseStory;
import com.xiaoneng.streaming.testing.ClickHouse;
import com.xiaoneng.streaming.testing.Kafka;
import com.xiaoneng.streaming.testing.SampleCases;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka → Flink → ClickHouse throughput when replaying N events (default 1,000,000), the same rows
 * inserted directly for comparison (the sink's own HTTP insert, big batches, facts coalesced per chunk), and freshness (append to Kafka → visible in
 * case_events) at a steady rate (default 200 events/s). Prints figures; asserts nothing about time.
 * Run through bench/streaming/run.sh.
 */
public final class StreamingBench {
    private static final int CASES_PER_CHUNK = 10_000;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2025-01-02");

    private StreamingBench() {
    }

    public static void main(String[] args) throws Exception {
        int targetEvents = Integer.parseInt(System.getenv().getOrDefault("BENCH_EVENTS", "1000000"));
        int rate = Integer.parseInt(System.getenv().getOrDefault("BENCH_RATE", "200"));
        int freshSeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_FRESH_SECONDS", "60"));
        Path dir = Files.createTempDirectory("streaming-bench");
        System.out.printf("streaming bench: %,d events, freshness at %d/s for %d s, data in %s%n", targetEvents, rate,
                freshSeconds, dir);
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0, Kafka.topics("bench-events:4",
                "bench-dlq:1", "bench-alerts:1"));
             ClickHouseEndpoint clickHouse = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(),
                     dir.resolve("clickhouse"), 0, "default", "");
             Kafka kafka = new Kafka(broker.bootstrapServers());
             Connection connection = ClickHouse.connect(clickHouse)) {
            ClickHouseMigrations.apply(connection, "bench_job");
            ClickHouseMigrations.apply(connection, "bench_direct");

            long start = System.nanoTime();
            int chunks = 0;
            long published = 0;
            while (published < targetEvents) {
                List<EventEnvelope> events = SampleCases.inRecordedOrder(chunk(chunks++));
                List<EventEnvelope> part = events.subList(0, (int) Math.min(events.size(), targetEvents - published));
                kafka.publish("bench-events", part);
                published += part.size();
            }
            double publishSeconds = seconds(start);
            System.out.printf("published %,d events (%d chunks of %,d cases) in %.1f s: %,.0f events/s%n", published,
                    chunks, CASES_PER_CHUNK, publishSeconds, published / publishSeconds);

            StreamingConfig config = StreamingConfig.from(new String[] {
                    "--kafka-bootstrap-servers", broker.bootstrapServers(), "--topic", "bench-events",
                    "--dlq-topic", "bench-dlq", "--alerts-topic", "bench-alerts", "--group-id", "bench",
                    "--clickhouse-url", clickHouse.url(), "--clickhouse-database", "bench_job",
                    "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--parallelism", "2",
                    "--state-backend", System.getenv().getOrDefault("BENCH_STATE_BACKEND", "rocksdb")}, Map.of());
            StreamExecutionEnvironment env = StreamingMain.environment(config);
            CaseStreamJob.attach(StreamingMain.kafkaMessages(env, config), StreamingMain.sinks(config),
                    config.warningRule(), config.gapTimeout(), config.warningSettle());
            long jobStart = System.nanoTime();
            JobClient job = env.executeAsync("streaming bench");
            Long firstRow = null;
            long rows = 0;
            while (rows < published) {
                Thread.sleep(250);
                rows = ClickHouse.count(connection, "SELECT count() FROM bench_job.case_events");
                if (firstRow == null && rows > 0) {
                    firstRow = System.nanoTime();
                }
            }
            double jobSeconds = seconds(jobStart);
            double flowSeconds = (System.nanoTime() - firstRow) / 1e9;
            long facts = ClickHouse.count(connection, "SELECT count() FROM bench_job.case_facts FINAL");
            System.out.printf("pipeline: %,d events in case_events %.1f s after job start (%,.0f events/s);"
                    + " %.1f s from the first row visible (%,.0f events/s); %,d cases in case_facts%n",
                    rows, jobSeconds, published / jobSeconds, flowSeconds, published / flowSeconds, facts);

            HttpInserter direct = new HttpInserter(ClickHouseSettings.of(clickHouse.url(), clickHouse.user(),
                    clickHouse.password(), "bench_direct"));
            long directRows = 0;
            long directStart = System.nanoTime();
            long eventsLeft = published;
            for (int i = 0; i < chunks; i++) {
                List<CaseEventRow> eventRows = new ArrayList<>();
                Map<String, CaseState> factRows = new LinkedHashMap<>();
                eventsLeft -= fold(chunk(i), eventsLeft, eventRows, factRows);
                directRows += insert(direct, new CaseEventsTable(), eventRows);
                directRows += insert(direct, new CaseFactsTable(), List.copyOf(factRows.values()));
            }
            double directSeconds = seconds(directStart);
            System.out.printf("direct insert: %,d rows (case_events, and case_facts coalesced to each case's newest row"
                    + " per chunk of %,d cases) in %.1f s: %,.0f events/s%n", directRows, CASES_PER_CHUNK, directSeconds,
                    published / directSeconds);
            System.out.printf("ratio pipeline ÷ direct insert: %.2f (from job start), %.2f (from first row)%n",
                    (published / jobSeconds) / (published / directSeconds),
                    (published / flowSeconds) / (published / directSeconds));

            // let the warnings of the cases left open (sent once the replay has settled) and merges pass first
            Thread.sleep(config.warningSettle().toMillis());
            awaitQuiet(connection);
            freshness(kafka, connection, rate, freshSeconds);
            job.cancel().get();
        }
    }

    private static void awaitQuiet(Connection connection) throws Exception {
        String previous = "";
        for (int same = 0; same < 3; ) {
            Thread.sleep(2_000);
            String counts = ClickHouse.rows(connection, "SELECT (SELECT count() FROM bench_job.case_events),"
                    + " (SELECT count() FROM bench_job.case_facts), (SELECT count() FROM bench_job.case_alerts)").get(0);
            same = counts.equals(previous) ? same + 1 : 0;
            previous = counts;
        }
        System.out.println("quiet before the freshness run: events, facts, alerts rows = " + previous.replace('\t', ' '));
    }

    private static List<CaseStory> chunk(int index) {
        return SampleCases.generate(CASES_PER_CHUNK, 1_000 + index, FIRST_DAY, 300);
    }

    /** The rows the job would write for these events: one event row per event, each case's newest facts row. */
    private static int fold(List<CaseStory> stories, long limit, List<CaseEventRow> events, Map<String, CaseState> facts) {
        List<EventEnvelope> ordered = SampleCases.inRecordedOrder(stories);
        Map<String, CaseState> states = new HashMap<>();
        int n = (int) Math.min(limit, ordered.size());
        for (EventEnvelope event : ordered.subList(0, n)) {
            CaseState state = states.computeIfAbsent(event.caseId(), CaseState::of);
            state.apply(event, WorkingDayCalendar.shipped());
            events.add(CaseEventRow.of(event, state));
            facts.put(event.caseId(), state);
        }
        return n;
    }

    private static <T> long insert(HttpInserter inserter, ClickHouseTable<T> table, List<T> rows) throws Exception {
        String sql = HttpInserter.insertSql("bench_direct", table.name(), table.columns());
        for (int from = 0; from < rows.size(); from += 50_000) {
            List<T> batch = rows.subList(from, Math.min(rows.size(), from + 50_000));
            inserter.insertUntilAccepted(sql, HttpInserter.tabSeparated(table, batch), null, table.name());
        }
        return rows.size();
    }

    /**
     * Publishes new cases at {@code rate} per second from a scheduler thread (asynchronous sends, the
     * broker's acknowledgement being the append time) while this thread polls every 100 ms: case_events (by
     * event id), case_facts (by case id) and the counters (the sum of {@code submitted} on today's local days:
     * when it has grown by k, the first k cases in append order count as visible, as sums name no case).
     */
    private static void freshness(Kafka kafka, Connection connection, int rate, int seconds) throws Exception {
        Map<String, Long> appendedAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> caseAppendedAt = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ConcurrentLinkedQueue<Long> appendOrder = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Map<String, List<Long>> latencies = new LinkedHashMap<>();
        List.of("case_events", "case_facts", "case_counts").forEach(table -> latencies.put(table, new ArrayList<>()));
        Set<String> seenEvents = new HashSet<>();
        Set<String> seenCases = new HashSet<>();
        int total = rate * seconds;
        String counted = "SELECT sum(submitted) FROM bench_job.case_counts_by_region"
                + " WHERE day >= toDate(now(), 'Asia/Shanghai') - 1";
        long countedBefore = ClickHouse.count(connection, counted);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService publisher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        Instant since = Instant.now().minusSeconds(1);
        long periodMicros = 1_000_000L / rate;
        publisher.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n < total) {
                EventEnvelope event = CaseStory.of("FRESH-" + n).submitted(Instant.now()).last();
                kafka.publishAsync("bench-events", event, at -> {
                    appendedAt.put(event.eventId().toString(), at);
                    caseAppendedAt.put(event.caseId(), at);
                    appendOrder.add(at);
                });
            }
        }, 0, periodMicros, java.util.concurrent.TimeUnit.MICROSECONDS);
        long deadline = System.currentTimeMillis() + (seconds + 120) * 1000L;
        List<Long> countedOrder = new ArrayList<>();
        while ((seenEvents.size() < total || seenCases.size() < total || countedOrder.size() < total)
                && System.currentTimeMillis() < deadline) {
            long pollStart = System.currentTimeMillis();
            for (String id : ClickHouse.rows(connection, "SELECT toString(event_id) FROM bench_job.case_events"
                    + " WHERE recorded_at >= '" + ClickHouseTable.instant(since) + "' AND case_id LIKE 'FRESH-%'")) {
                Long appended = appendedAt.get(id);
                if (appended != null && seenEvents.add(id)) {
                    latencies.get("case_events").add(System.currentTimeMillis() - appended);
                }
            }
            for (String caseId : ClickHouse.rows(connection, "SELECT DISTINCT case_id FROM bench_job.case_facts"
                    + " WHERE case_id LIKE 'FRESH-%'")) {
                Long appended = caseAppendedAt.get(caseId);
                if (appended != null && seenCases.add(caseId)) {
                    latencies.get("case_facts").add(System.currentTimeMillis() - appended);
                }
            }
            long visible = ClickHouse.count(connection, counted) - countedBefore;
            while (countedOrder.size() < visible && !appendOrder.isEmpty()) {
                countedOrder.add(appendOrder.poll());
                latencies.get("case_counts").add(System.currentTimeMillis() - countedOrder.get(countedOrder.size() - 1));
            }
            Thread.sleep(Math.max(0, 100 - (System.currentTimeMillis() - pollStart)));
        }
        publisher.shutdownNow();
        latencies.forEach((table, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("freshness in %s at %d events/s for %d s: %,d of %,d visible; p50 %d ms, p95 %d ms,"
                            + " p99 %d ms, max %d ms (polled every 100 ms)%n", table, rate, seconds, sorted.length, total,
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        });
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
