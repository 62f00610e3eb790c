package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.streaming.ingest.KafkaDeadLetters;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Batched JDBC inserts into one ClickHouse table. At least once: every row written before a
 * checkpoint is in ClickHouse when the checkpoint completes (the writer flushes on checkpoint), and
 * rows after it are written again on restore; the tables are ReplacingMergeTree or fed by
 * idempotent aggregates, so a row written twice counts once. A row ClickHouse refuses as data goes to
 * {@code deadLetters} instead of blocking the table.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private final ClickHouseSettings settings;
    private final ClickHouseTable<T> table;
    private final KafkaDeadLetters deadLetters;

    public ClickHouseSink(ClickHouseSettings settings, ClickHouseTable<T> table, KafkaDeadLetters deadLetters) {
        this.settings = settings;
        this.table = table;
        this.deadLetters = deadLetters;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseSinkWriter<>(settings, table, context.getProcessingTimeService(), deadLetters.open());
    }
}
