package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.streaming.counts.Counter;
import com.xiaoneng.streaming.counts.CountRow;
import com.xiaoneng.streaming.testing.ClickHouse;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.CommitterOperatorFactory;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exactly-once sink against a real ClickHouse HTTP endpoint (chDB): deduplication by token, the writer and
 * committer operators in Flink's harness across a crash between a checkpoint and its commit and a crash after
 * the commit, and a commit during an outage.
 */
class ExactlyOnceSinkIT {
    private static final String DB = "xn_once";
    private static final int DAY = (int) LocalDate.parse("2025-03-03").toEpochDay();

    @TempDir
    static Path dir;
    static ClickHouseEndpoint endpoint;

    @BeforeAll
    static void start() throws Exception {
        endpoint = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("clickhouse"), 0, "default", "");
        try (Connection connection = ClickHouse.connect(endpoint)) {
            ClickHouseMigrations.apply(connection, DB);
        }
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection connection = ClickHouse.connect(endpoint)) {
            connection.createStatement().execute("TRUNCATE TABLE " + DB + ".case_counts");
        }
    }

    private static ClickHouseSettings settings() {
        return ClickHouseSettings.of(endpoint.url(), endpoint.user(), endpoint.password(), DB)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    private static CountRow row(int day, String region, long submitted, long completed) {
        CountRow row = new CountRow();
        row.day = day;
        row.handlingRegion = region;
        row.counts[Counter.SUBMITTED.ordinal()] = submitted;
        row.counts[Counter.COMPLETED.ordinal()] = completed;
        return row;
    }

    private static String sums() throws Exception {
        try (Connection connection = ClickHouse.connect(endpoint)) {
            return ClickHouse.rows(connection, "SELECT sum(submitted), sum(completed) FROM " + DB
                    + ".case_counts").get(0);
        }
    }

    private static List<StagedInsert> staged(String tokenPrefix, CountRow... rows) {
        StagingWriter<CountRow> writer = new StagingWriter<>(DB, CaseCountsTable.all(), tokenPrefix, 0);
        for (CountRow row : rows) {
            writer.write(row, null);
        }
        return List.copyOf(writer.prepareCommit());
    }

    private static void commit(Committer<StagedInsert> committer, List<StagedInsert> inserts) throws Exception {
        List<Committer.CommitRequest<StagedInsert>> requests = new ArrayList<>();
        inserts.forEach(insert -> requests.add(new Request(insert)));
        committer.commit(requests);
        for (Committer.CommitRequest<StagedInsert> request : requests) {
            assertThat(((Request) request).failure).isNull();
        }
    }

    @Test
    void anInsertSentAgainUnderItsTokenIsDroppedAndTheSameRowsUnderAnotherTokenCountAgain() throws Exception {
        InsertCommitter committer = new InsertCommitter(settings());
        // two months: one insert, two partitions, each deduplicated under the token
        List<StagedInsert> first = staged("job/case_counts/0", row(DAY, "650102", 3, 1), row(DAY + 40, "650103", 2, 2));
        commit(committer, first);
        commit(committer, first);
        assertThat(sums()).isEqualTo("5\t3");
        commit(committer, staged("job/case_counts/1", row(DAY, "650102", 3, 1), row(DAY + 40, "650103", 2, 2)));
        assertThat(sums()).isEqualTo("10\t6");
    }

    @Test
    void insertsRefusedForTheirDataFailTheCommitInsteadOfBeingDropped() throws Exception {
        InsertCommitter committer = new InsertCommitter(settings());
        StagedInsert good = staged("job/case_counts/0", row(DAY, "650102", 1, 0)).get(0);
        StagedInsert bad = new StagedInsert(DB, good.table(), good.columns(),
                "not-a-day\tx\n".getBytes(StandardCharsets.UTF_8), 1, "job/case_counts/0/9/0");
        Request request = new Request(bad);
        committer.commit(List.of(request));
        assertThat(request.failure).hasMessageContaining("refused xn_once.case_counts, 1 rows (job/case_counts/0/9/0)");
        assertThat(sums()).isEqualTo("0\t0");
    }

    @Test
    void onAClusterEachInsertLandsWholeOnTheLocalTableOfTheShardItsTokenNames() throws Exception {
        try (ClickHouseEndpoint second = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(),
                dir.resolve("clickhouse-shard-2"), 0, "default", "")) {
            List<ClickHouseEndpoint> shards = List.of(endpoint, second);
            for (ClickHouseEndpoint shard : shards) {
                try (Connection connection = ClickHouse.connect(shard)) {
                    ClickHouseMigrations.apply(connection, DB);
                    // the cluster's ReplicatedSummingMergeTree under its _local name; dedup as on one server
                    connection.createStatement().execute("CREATE TABLE IF NOT EXISTS " + DB + ".case_counts_local AS "
                            + DB + ".case_counts");
                    connection.createStatement().execute("TRUNCATE TABLE " + DB + ".case_counts_local");
                }
            }
            int unreachable;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                unreachable = socket.getLocalPort();
            }
            // shard 1's first replica does not answer: its inserts go to the next one
            InsertCommitter committer = new InsertCommitter(settings().withShards("127.0.0.1:" + unreachable
                    + ", 127.0.0.1:" + endpoint.port() + "; 127.0.0.1:" + second.port()));
            List<StagedInsert> inserts = new ArrayList<>();
            long[] expected = new long[2];
            for (int subtask = 0; subtask < 6; subtask++) {
                StagedInsert insert = staged("job/case_counts/" + subtask, row(DAY, "650102", subtask + 1, 0)).get(0);
                inserts.add(insert);
                expected[InsertCommitter.shardOf(insert.token(), 2)] += subtask + 1;
            }
            assertThat(expected[0]).as("rows for shard 1").isPositive();
            assertThat(expected[1]).as("rows for shard 2").isPositive();
            commit(committer, inserts);
            // a restore sends the same committables again: each to the same shard, where the token drops it
            commit(committer, inserts);
            for (int shard = 0; shard < 2; shard++) {
                try (Connection connection = ClickHouse.connect(shards.get(shard))) {
                    assertThat(ClickHouse.rows(connection, "SELECT sum(submitted) FROM " + DB + ".case_counts_local"))
                            .containsExactly(Long.toString(expected[shard]));
                    assertThat(ClickHouse.rows(connection, "SELECT count() FROM " + DB + ".case_counts"))
                            .containsExactly("0");
                }
            }
        }
    }

    @Test
    void aCommitWaitsOutAnOutageAndLandsOnce() throws Exception {
        List<StagedInsert> inserts = staged("job/case_counts/0", row(DAY, "650102", 7, 4));
        InsertCommitter committer = new InsertCommitter(settings());
        int port = endpoint.port();
        endpoint.stop();
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
            try {
                commit(committer, inserts);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1_500);
        assertThat(commit).isNotDone();
        endpoint = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("clickhouse"), port,
                "default", "");
        commit.get(60, TimeUnit.SECONDS);
        assertThat(sums()).isEqualTo("7\t4");
    }

    @Test
    void aCheckpointsRowsLandOnceThroughCrashesBeforeAndAfterTheirCommit() throws Exception {
        ExactlyOnceClickHouseSink<CountRow> sink = new ExactlyOnceClickHouseSink<>(settings(), CaseCountsTable.all());

        // checkpoint 1 staged and snapshotted; the job dies before the checkpoint's notification: nothing sent
        OperatorSubtaskState afterOne;
        try (var writer = writer(sink, null); var committer = committer(sink, null, 0)) {
            writer.processElement(row(DAY, "650102", 1, 0), 0);
            writer.processElement(row(DAY, "650102", 1, 1), 0);
            writer.processElement(row(DAY + 1, "650103", 1, 0), 0);
            writer.processElement(row(DAY + 1, "650103", -1, 0), 0); // a change that nets to nothing
            stage(writer, committer, 1);
            afterOne = committer.snapshot(1, 1);
            assertThat(sums()).isEqualTo("0\t0");
        }

        // restored from checkpoint 1: its inserts are sent; the rows after it come again in a new batch
        OperatorSubtaskState afterTwo;
        try (var writer = writer(sink, 1L); var committer = committer(sink, afterOne, 1)) {
            assertThat(sums()).isEqualTo("2\t1");
            writer.processElement(row(DAY, "650102", 5, 0), 0);
            writer.processElement(row(DAY + 2, "650104", 1, 1), 0);
            stage(writer, committer, 2);
            afterTwo = committer.snapshot(2, 2);
            committer.notifyOfCompletedCheckpoint(2);
            assertThat(sums()).isEqualTo("8\t2");
        }

        // the job dies after checkpoint 2's commit and restores from it: its inserts go again and are dropped
        try (var writer = writer(sink, 2L); var committer = committer(sink, afterTwo, 2)) {
            writer.processElement(row(DAY, "650102", 1, 0), 0);
            stage(writer, committer, 3);
            committer.snapshot(3, 3);
            committer.notifyOfCompletedCheckpoint(3);
        }
        try (Connection connection = ClickHouse.connect(endpoint)) {
            assertThat(ClickHouse.rows(connection, "SELECT day, handling_region, sum(submitted), sum(completed) FROM "
                    + DB + ".case_counts GROUP BY ALL ORDER BY ALL")).containsExactly(
                    "2025-03-03\t650102\t8\t1", "2025-03-05\t650104\t1\t1");
        }
    }

    private static OneInputStreamOperatorTestHarness<CountRow, CommittableMessage<StagedInsert>> writer(
            ExactlyOnceClickHouseSink<CountRow> sink, Long restoredCheckpoint) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<CountRow, CommittableMessage<StagedInsert>>(
                new SinkWriterOperatorFactory<>(sink));
        if (restoredCheckpoint != null) {
            harness.setRestoredCheckpointId(restoredCheckpoint);
        }
        harness.open();
        return harness;
    }

    private static OneInputStreamOperatorTestHarness<CommittableMessage<StagedInsert>, CommittableMessage<StagedInsert>>
            committer(ExactlyOnceClickHouseSink<CountRow> sink, OperatorSubtaskState restored, long restoredCheckpoint)
            throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<CommittableMessage<StagedInsert>,
                CommittableMessage<StagedInsert>>(new CommitterOperatorFactory<>(sink, false, true));
        if (restored != null) {
            harness.setRestoredCheckpointId(restoredCheckpoint);
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    /** The checkpoint's barrier at the writer: its committables go to the committer, as in the job's graph. */
    private static void stage(OneInputStreamOperatorTestHarness<CountRow, CommittableMessage<StagedInsert>> writer,
                              OneInputStreamOperatorTestHarness<CommittableMessage<StagedInsert>,
                                      CommittableMessage<StagedInsert>> committer, long checkpoint) throws Exception {
        writer.prepareSnapshotPreBarrier(checkpoint);
        for (CommittableMessage<StagedInsert> message : writer.extractOutputValues()) {
            committer.processElement(message, 0);
        }
        writer.getOutput().clear();
    }

    private static final class Request implements Committer.CommitRequest<StagedInsert> {
        private final StagedInsert insert;
        Throwable failure;

        Request(StagedInsert insert) {
            this.insert = insert;
        }

        @Override
        public StagedInsert getCommittable() {
            return insert;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            failure = t;
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            failure = t;
        }

        @Override
        public void retryLater() {
            throw new AssertionError("the committer retries itself");
        }

        @Override
        public void updateAndRetryLater(StagedInsert committable) {
            throw new AssertionError("the committer retries itself");
        }

        @Override
        public void signalAlreadyCommitted() {
        }
    }
}
