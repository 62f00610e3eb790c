package com.xiaoneng.streaming.clickhouse;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.InitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Rows that add up (counters), each applied exactly once: two-phase commit through Flink's checkpoints. The
 * writer stages a checkpoint's rows as inserts kept in the checkpoint ({@link StagedInsert}); the committer
 * sends them after the checkpoint completes, each under the token {@code job/table/subtask/batch/part}, into
 * a table with a deduplication window (non_replicated_deduplication_window, or a Replicated engine). A job
 * restart replays the rows after the checkpoint into new batches and sends the restored ones again under
 * their old tokens, which ClickHouse drops if they had landed.
 */
public final class ExactlyOnceClickHouseSink<T> implements Sink<T>, SupportsCommitter<StagedInsert> {
    private final ClickHouseSettings settings;
    private final SummedTable<T> table;

    public ExactlyOnceClickHouseSink(ClickHouseSettings settings, SummedTable<T> table) {
        this.settings = settings;
        this.table = table;
    }

    @Override
    public CommittingSinkWriter<T, StagedInsert> createWriter(WriterInitContext context) {
        String tokenPrefix = context.getJobInfo().getJobId().toHexString() + "/" + table.name() + "/"
                + context.getTaskInfo().getIndexOfThisSubtask();
        return new StagingWriter<>(settings.database(), table, tokenPrefix,
                context.getRestoredCheckpointId().orElse(InitContext.INITIAL_CHECKPOINT_ID - 1));
    }

    @Override
    public Committer<StagedInsert> createCommitter(CommitterInitContext context) {
        return new InsertCommitter(settings);
    }

    @Override
    public SimpleVersionedSerializer<StagedInsert> getCommittableSerializer() {
        return new StagedInsert.Serializer();
    }
}
