package com.xiaoneng.streaming.clickhouse;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how the sinks write. A batch is sent when it reaches {@code batchSize} rows, when
 * {@code flushInterval} has passed since the last send, and on every checkpoint. A failed send is
 * retried with exponential backoff from {@code minBackoff} to {@code maxBackoff}, without end.
 */
public record ClickHouseSettings(String url, String user, String password, String database, int batchSize,
                                 Duration flushInterval, Duration minBackoff, Duration maxBackoff)
        implements Serializable {

    public static ClickHouseSettings of(String url, String user, String password, String database) {
        return new ClickHouseSettings(url, user, password, database, 5_000, Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    public ClickHouseSettings withBatching(int batchSize, Duration flushInterval) {
        return new ClickHouseSettings(url, user, password, database, batchSize, flushInterval, minBackoff, maxBackoff);
    }

    public ClickHouseSettings withBackoff(Duration minBackoff, Duration maxBackoff) {
        return new ClickHouseSettings(url, user, password, database, batchSize, flushInterval, minBackoff, maxBackoff);
    }
}
