package com.xiaoneng.streaming.job;

import com.xiaoneng.streaming.alerts.WarningRule;
import com.xiaoneng.streaming.clickhouse.ClickHouseSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The job's settings. Each is an argument {@code --name value} or an environment variable NAME
 * (upper case, '-' as '_'), the argument winning; docs/STREAMING.md lists them. The checkpoint dir
 * defaults to {@code $DATA_DIR/flink-checkpoints} (DATA_DIR as set by the local-stack launcher, else ./data).
 * {@code bindAddress} is where an embedded run's Flink REST endpoint and web UI listen. The state backend is
 * RocksDB with incremental checkpoints (a checkpoint writes what changed since the last one) unless
 * {@code hashmap} is asked for, which snapshots all state every checkpoint.
 */
public record StreamingConfig(
        String kafkaBootstrapServers,
        String topic,
        String deadLetterTopic,
        String alertsTopic,
        String groupId,
        String startingOffsets,
        ClickHouseSettings clickHouse,
        Duration checkpointInterval,
        Path checkpointDir,
        String stateBackend,
        String restore,
        Integer parallelism,
        WarningRule warningRule,
        Duration gapTimeout,
        Duration warningSettle,
        String bindAddress) {

    private static final Set<String> NAMES = Set.of("kafka-bootstrap-servers", "topic", "dlq-topic", "alerts-topic",
            "group-id", "starting-offsets", "clickhouse-url", "clickhouse-user", "clickhouse-password",
            "clickhouse-database", "clickhouse-shards", "clickhouse-batch-size", "clickhouse-flush-interval", "checkpoint-interval",
            "checkpoint-dir", "state-backend", "restore", "parallelism", "yellow-ratio", "yellow-days-left", "gap-timeout",
            "warning-settle", "bind-address");

    public static StreamingConfig from(String[] args, Map<String, String> env) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!NAMES.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown argument or missing value: " + args[i]
                        + " (known: --" + String.join(", --", NAMES.stream().sorted().toList()) + ")");
            }
            given.put(name, args[i + 1]);
        }
        Settings s = new Settings(given, env);
        String startingOffsets = s.get("starting-offsets", "earliest");
        if (!Set.of("earliest", "latest").contains(startingOffsets)) {
            throw new IllegalArgumentException("--starting-offsets must be earliest or latest");
        }
        ClickHouseSettings clickHouse = ClickHouseSettings.of(
                        s.get("clickhouse-url", "jdbc:clickhouse://127.0.0.1:8123/default"),
                        s.get("clickhouse-user", "default"),
                        s.get("clickhouse-password", ""),
                        s.get("clickhouse-database", "xiaoneng"))
                .withBatching(Integer.parseInt(s.get("clickhouse-batch-size", "5000")),
                        Duration.parse("PT" + s.get("clickhouse-flush-interval", "1s")))
                .withShards(s.get("clickhouse-shards", ""));
        String stateBackend = s.get("state-backend", "rocksdb");
        if (!Set.of("rocksdb", "hashmap").contains(stateBackend)) {
            throw new IllegalArgumentException("--state-backend must be rocksdb or hashmap");
        }
        String parallelism = s.get("parallelism", "");
        return new StreamingConfig(
                s.get("kafka-bootstrap-servers", "127.0.0.1:9092"),
                s.get("topic", "case-events"),
                s.get("dlq-topic", "case-events-dlq"),
                s.get("alerts-topic", "case-alerts"),
                s.get("group-id", "xiaoneng-streaming"),
                startingOffsets,
                clickHouse,
                Duration.parse("PT" + s.get("checkpoint-interval", "1s")),
                Path.of(s.get("checkpoint-dir", env.getOrDefault("DATA_DIR", "./data") + "/flink-checkpoints"))
                        .toAbsolutePath().normalize(),
                stateBackend,
                s.get("restore", "auto"),
                parallelism.isEmpty() ? null : Integer.valueOf(parallelism),
                new WarningRule(Double.parseDouble(s.get("yellow-ratio", "0.9")),
                        Integer.parseInt(s.get("yellow-days-left", "1"))),
                Duration.parse("PT" + s.get("gap-timeout", "10m")),
                Duration.parse("PT" + s.get("warning-settle", "30s")),
                // BIND_ADDRESS as the local-stack launcher passes it to every app
                s.get("bind-address", "127.0.0.1"));
    }

    private record Settings(Map<String, String> args, Map<String, String> env) {
        String get(String name, String fallback) {
            String value = args.get(name);
            if (value == null) {
                value = env.get(name.toUpperCase().replace('-', '_'));
            }
            return value == null ? fallback : value;
        }
    }
}
