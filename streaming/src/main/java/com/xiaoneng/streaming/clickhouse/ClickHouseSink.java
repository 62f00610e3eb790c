package com.xiaoneng.streaming.clickhouse;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Batched JDBC inserts into one ClickHouse table. At least once: every row written before a
 * checkpoint is in ClickHouse when the checkpoint completes (the writer flushes on checkpoint), and
 * rows after it are written again on restore; the tables are ReplacingMergeTree or fed by
 * idempotent aggregates, so a row written twice counts once.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private final ClickHouseSettings settings;
    private final ClickHouseTable<T> table;

    public ClickHouseSink(ClickHouseSettings settings, ClickHouseTable<T> table) {
        this.settings = settings;
        this.table = table;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseSinkWriter<>(settings, table, context.getProcessingTimeService());
    }
}
