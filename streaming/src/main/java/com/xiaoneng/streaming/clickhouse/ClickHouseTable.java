package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.clickhouse.ClickHouseText;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** How rows of type T map to the columns of one ClickHouse table. */
public interface ClickHouseTable<T> extends Serializable {
    String name();

    List<String> columns();

    /** The row's values in {@link #columns()} order: String, Number or null. */
    Object[] values(T row);

    /**
     * For a table that keeps only the newest row of a key (ReplacingMergeTree): that key, so that a batch sends
     * only its newest row per key; null (the default) when every row counts.
     */
    default Object replacingKey(T row) {
        return null;
    }

    /** Of two rows of one {@link #replacingKey}, the one the table keeps. */
    default T newest(T a, T b) {
        return b;
    }

    /** DateTime64(3, 'UTC') literal: passing text keeps the JDBC driver's time zone out of the way. */
    static String instant(Instant value) {
        return value == null ? null : ClickHouseText.instant(value);
    }

    static Integer flag(Boolean value) {
        return value == null ? null : value ? 1 : 0;
    }

    static String enumName(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
