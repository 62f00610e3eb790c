package com.xiaoneng.streaming.clickhouse;

import java.io.Serializable;
import java.net.URI;
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

    /**
     * The HTTP interface behind the JDBC URL ({@code jdbc:clickhouse://host:8123/db}, {@code jdbc:ch:https://…},
     * {@code ?ssl=true}): where the exactly-once sink sends its inserts.
     */
    public URI httpEndpoint() {
        String rest = url.replaceFirst("^jdbc:", "").replaceFirst("^(clickhouse|ch):", "");
        boolean tls = rest.startsWith("https:") || rest.matches(".*[?&]ssl=true(&.*)?$");
        URI uri = URI.create(rest.startsWith("//") ? "http:" + rest : rest);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("--clickhouse-url must name a host, as jdbc:clickhouse://host:8123/db;"
                    + " got " + url);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8443 : 8123;
        return URI.create((tls ? "https" : "http") + "://" + uri.getHost() + ":" + port + "/");
    }
}
