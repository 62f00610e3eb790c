package com.xiaoneng.streaming.clickhouse;

import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up the rows of one checkpoint by key and stages them, at the checkpoint's barrier, as INSERTs of at
 * most {@link #PART_ROWS} rows. Nothing reaches ClickHouse from here: the committer sends a staged insert once
 * its checkpoint is complete, so rows after the last checkpoint, replayed after a restore, are never sent twice.
 */
final class StagingWriter<T> implements CommittingSinkWriter<T, StagedInsert> {
    /** Bounds the memory of one staged insert and of one checkpoint's committable. */
    static final int PART_ROWS = 100_000;

    private final String database;
    private final SummedTable<T> table;
    private final String tokenPrefix;
    private final Map<Object, T> pending = new LinkedHashMap<>();
    /**
     * Numbers this subtask's batches, starting after the checkpoint it restored: a batch that was ever sent
     * belonged to a completed checkpoint, and a restore starts from the newest one, so no new batch reuses its
     * number. (prepareCommit does not learn the checkpoint id; at most one batch per checkpoint.)
     */
    private long batch;

    StagingWriter(String database, SummedTable<T> table, String tokenPrefix, long restoredCheckpoint) {
        this.database = database;
        this.table = table;
        this.tokenPrefix = tokenPrefix;
        this.batch = restoredCheckpoint + 1;
    }

    @Override
    public void write(T row, Context context) {
        pending.merge(table.key(row), row, table::merge);
    }

    @Override
    public void flush(boolean endOfInput) {
        // rows are staged in prepareCommit, which follows every flush
    }

    @Override
    public Collection<StagedInsert> prepareCommit() {
        List<T> rows = new ArrayList<>(pending.size());
        for (T row : pending.values()) {
            if (!table.isZero(row)) {
                rows.add(row);
            }
        }
        pending.clear();
        long number = batch++;
        List<StagedInsert> inserts = new ArrayList<>();
        for (int from = 0, part = 0; from < rows.size(); from += PART_ROWS, part++) {
            List<T> slice = rows.subList(from, Math.min(rows.size(), from + PART_ROWS));
            inserts.add(new StagedInsert(database, table.name(), table.columns(),
                    HttpInserter.tabSeparated(table, slice), slice.size(), tokenPrefix + "/" + number + "/" + part));
        }
        return inserts;
    }

    @Override
    public void close() {
    }
}
