package com.xiaoneng.streaming.clickhouse;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how the sinks write. A batch is sent when it reaches {@code batchSize} rows, when
 * {@code flushInterval} has passed since the last send, and on every checkpoint. A failed send is
 * retried with exponential backoff from {@code minBackoff} to {@code maxBackoff}, without end.
 *
 * <p>{@code shards} is empty for one server. On a cluster it lists each shard's replicas (HTTP endpoints): the
 * exactly-once sink then inserts every staged insert into one shard's {@code <table>_local} (docs/STREAMING.md,
 * "ClickHouse cluster"), while everything else goes through {@code url} and the Distributed tables.
 */
public record ClickHouseSettings(String url, String user, String password, String database, int batchSize,
                                 Duration flushInterval, Duration minBackoff, Duration maxBackoff,
                                 List<List<URI>> shards)
        implements Serializable {

    public ClickHouseSettings {
        shards = shards.stream().map(List::copyOf).toList();
    }

    public static ClickHouseSettings of(String url, String user, String password, String database) {
        return new ClickHouseSettings(url, user, password, database, 5_000, Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofSeconds(30), List.of());
    }

    public ClickHouseSettings withBatching(int batchSize, Duration flushInterval) {
        return new ClickHouseSettings(url, user, password, database, batchSize, flushInterval, minBackoff, maxBackoff,
                shards);
    }

    public ClickHouseSettings withBackoff(Duration minBackoff, Duration maxBackoff) {
        return new ClickHouseSettings(url, user, password, database, batchSize, flushInterval, minBackoff, maxBackoff,
                shards);
    }

    /**
     * The shards of a cluster as {@code host:port,host:port;host:port,…}: shards separated by ';', each shard's
     * replicas by ','; an entry may be a URL ({@code https://host:8443}); blank for one server.
     */
    public ClickHouseSettings withShards(String spec) {
        List<List<URI>> parsed = new ArrayList<>();
        for (String shard : spec.split(";")) {
            List<URI> replicas = new ArrayList<>();
            for (String replica : shard.split(",")) {
                String address = replica.strip();
                if (!address.isEmpty()) {
                    URI uri = URI.create(address.contains("://") ? address : "http://" + address);
                    if (uri.getHost() == null || uri.getPort() < 0) {
                        throw new IllegalArgumentException("--clickhouse-shards: each replica is host:port or a URL"
                                + " with a port; got " + address);
                    }
                    replicas.add(URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + "/"));
                }
            }
            if (!replicas.isEmpty()) {
                parsed.add(replicas);
            }
        }
        return new ClickHouseSettings(url, user, password, database, batchSize, flushInterval, minBackoff, maxBackoff,
                parsed);
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
