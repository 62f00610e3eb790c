package com.xiaoneng.streaming.clickhouse;

import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

import java.nio.charset.StandardCharsets;
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
            inserts.add(new StagedInsert(database, table.name(), table.columns(), tabSeparated(slice), slice.size(),
                    tokenPrefix + "/" + number + "/" + part));
        }
        return inserts;
    }

    @Override
    public void close() {
    }

    private byte[] tabSeparated(List<T> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (T row : rows) {
            Object[] values = table.values(row);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                escape(text, values[i]);
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** TabSeparated escaping: a backslash, tab or newline in a value is written with a backslash; null is \N. */
    static void escape(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
