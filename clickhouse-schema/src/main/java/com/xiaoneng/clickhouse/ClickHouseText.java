package com.xiaoneng.clickhouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Values as ClickHouse reads them from text: the job's inserts and the queries' bound parameters. */
public final class ClickHouseText {
    /** A DateTime64(3, 'UTC') as text: milliseconds, UTC. */
    public static final DateTimeFormatter DATETIME64 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private ClickHouseText() {
    }

    public static String instant(Instant at) {
        return DATETIME64.format(at);
    }
}
