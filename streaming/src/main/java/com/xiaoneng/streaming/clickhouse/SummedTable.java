package com.xiaoneng.streaming.clickhouse;

/**
 * A table whose rows add up (SummingMergeTree): rows of one key can be merged before they are sent, and a
 * row that adds nothing need not be sent at all.
 */
public interface SummedTable<T> extends ClickHouseTable<T> {
    /** What rows add up by; equal keys mean one row in the table. */
    Object key(T row);

    /** A row holding both rows' sums (may reuse {@code a}). */
    T merge(T a, T b);

    boolean isZero(T row);
}
