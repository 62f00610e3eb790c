package com.xiaoneng.streaming.job;

import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.streaming.counts.Counter;
import com.xiaoneng.streaming.testing.CaseStory;
import com.xiaoneng.streaming.testing.ClickHouse;
import com.xiaoneng.streaming.testing.Counts;
import com.xiaoneng.streaming.testing.Kafka;
import com.xiaoneng.streaming.testing.PipelineServices;
import com.xiaoneng.streaming.testing.SampleCases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.xiaoneng.streaming.job.PipelineIT.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job in a process of its own, killed with SIGKILL (as the OOM killer or a power cut would) at three moments
 * and started again, each time restoring its newest retained checkpoint: while it reads; the instant a checkpoint
 * completes, before its counters are committed; and while ClickHouse is down, its writes waiting for it. Then
 * the whole stream is published twice more. After each restart every sum equals the same number computed from
 * case_facts FINAL, and in the end the counters count every case once.
 */
class JobCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(JobCrashIT.class);
    private static final String DB = "xn_crash";

    @TempDir
    static Path dir;
    static PipelineServices services;
    static Kafka kafka;

    @BeforeAll
    static void start() {
        services = PipelineServices.start(dir, "events-crash:3", "dlq-crash:1", "alerts-crash:1");
        kafka = services.kafka;
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void everySumStaysExactThroughKillsAtThreeMomentsAndTwoRepublications() throws Exception {
        List<CaseStory> stories = SampleCases.generate(300, 11, LocalDate.parse("2025-03-03"), 90);
        List<EventEnvelope> events = SampleCases.inRecordedOrder(stories);
        int third = events.size() / 3;
        Path checkpoints = dir.resolve("checkpoints");
        try (Connection connection = ClickHouse.connect(services.clickHouse())) {
            ClickHouseMigrations.apply(connection, DB);
        }

        // 1. killed while it reads the first third
        kafka.publish("events-crash", events.subList(0, third));
        Process job = startJob(checkpoints, "1");
        try (Connection connection = ClickHouse.connect(services.clickHouse())) {
            await("some events applied", Duration.ofSeconds(120), () -> latest(checkpoints).isPresent()
                    && ClickHouse.count(connection, "SELECT count() FROM " + DB + ".case_events") > 0);
        }
        kill(job, "while reading");

        // 2. restarted: exact once it has caught up; then killed the moment a checkpoint holding new changes
        // completes, its inserts staged in the checkpoint but not yet sent
        job = startJob(checkpoints, "2");
        assertExact("after the kill while reading", caughtUp(third));
        kafka.publish("events-crash", events.subList(third, 2 * third));
        Optional<Path> before = latest(checkpoints);
        try (Connection connection = ClickHouse.connect(services.clickHouse())) {
            long applied = ClickHouse.count(connection, "SELECT count() FROM " + DB + ".case_events");
            await("new events applied", Duration.ofSeconds(120),
                    () -> ClickHouse.count(connection, "SELECT count() FROM " + DB + ".case_events") > applied);
        }
        // polled every few milliseconds: the commit follows the checkpoint's completion closely
        Optional<Path> seen = latest(checkpoints);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (latest(checkpoints).equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        kill(job, "at checkpoint " + latest(checkpoints).orElseThrow() + " (before it: " + before.orElse(null) + ")");

        // 3. restarted from that checkpoint: its staged inserts are sent (or dropped as duplicates); then killed
        // while ClickHouse is down and the commits wait for it; ClickHouse back, then the job
        job = startJob(checkpoints, "3");
        assertExact("after the kill at a checkpoint", caughtUp(2 * third));
        int port = services.stopClickHouse();
        kafka.publish("events-crash", events.subList(2 * third, events.size()));
        // the sinks retry without end meanwhile, so no checkpoint completes: the job reads, writes nothing, waits
        Thread.sleep(5_000);
        kill(job, "with ClickHouse down");
        services.startClickHouse(port);

        job = startJob(checkpoints, "4");
        try {
            List<String> sums = assertExact("after the kill with ClickHouse down", caughtUp(events.size()));
            try (Connection connection = ClickHouse.connect(services.clickHouse())) {
                assertThat(Counts.total(connection, DB, "case_counts", Counter.SUBMITTED)).isEqualTo(stories.size());
            }

            // the whole store republished twice: nothing changes
            kafka.publish("events-crash", events);
            kafka.publish("events-crash", events);
            await("the republished stream read", Duration.ofSeconds(180),
                    () -> kafka.lag("events-crash", "streaming-crash") == 0);
            Thread.sleep(3_000);
            try (Connection connection = ClickHouse.connect(services.clickHouse())) {
                assertThat(Counts.mismatches(connection, DB)).isEmpty();
                assertThat(ClickHouse.sums(connection, DB)).isEqualTo(sums);
            }
        } finally {
            kill(job, "at the end");
        }
    }

    /**
     * Waits until {@code ready} (when given) and every sum equals case_facts, then returns the sums. The counters
     * land one checkpoint after the facts, so they are compared until they agree or time runs out.
     */
    private static List<String> assertExact(String when, java.util.concurrent.Callable<Boolean> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        List<String> mismatches;
        do {
            Thread.sleep(1_000);
            try (Connection connection = ClickHouse.connect(services.clickHouse())) {
                mismatches = ready == null || ready.call() ? Counts.mismatches(connection, DB) : List.of("not ready");
                if (mismatches.isEmpty()) {
                    return ClickHouse.sums(connection, DB);
                }
            }
        } while (System.nanoTime() < deadline);
        assertThat(mismatches).as(when).isEmpty();
        return List.of();
    }

    /** The job has read everything published and applied the first {@code applied} events. */
    private static java.util.concurrent.Callable<Boolean> caughtUp(int applied) {
        return () -> {
            try (Connection connection = ClickHouse.connect(services.clickHouse())) {
                return kafka.lag("events-crash", "streaming-crash") == 0
                        && ClickHouse.count(connection, "SELECT count() FROM " + DB + ".case_events FINAL") == applied;
            }
        };
    }

    /** StreamingMain in a JVM of its own, restoring the newest retained checkpoint (--restore auto). */
    private static Process startJob(Path checkpoints, String run) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                StreamingMain.class.getName(),
                "--kafka-bootstrap-servers", services.broker.bootstrapServers(),
                "--topic", "events-crash", "--dlq-topic", "dlq-crash", "--alerts-topic", "alerts-crash",
                "--group-id", "streaming-crash", "--clickhouse-url", services.clickHouse().url(), "--clickhouse-database", DB,
                "--clickhouse-flush-interval", "0.2s", "--checkpoint-interval", "1s",
                "--checkpoint-dir", checkpoints.toString(), "--restore", "auto", "--parallelism", "2"));
        Path log = dir.resolve("job-" + run + ".log");
        LOG.info("starting the job (run {}), log {}", run, log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** SIGKILL: no shutdown hook, no final checkpoint, no flush. */
    private static void kill(Process job, String when) throws InterruptedException {
        assertThat(job.isAlive()).as("the job is running " + when).isTrue();
        job.destroyForcibly();
        job.waitFor();
        LOG.info("job killed {}", when);
    }

    private static Optional<Path> latest(Path checkpoints) {
        return LocalRecovery.latestCheckpoint(checkpoints);
    }
}
