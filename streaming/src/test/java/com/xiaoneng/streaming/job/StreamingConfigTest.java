package com.xiaoneng.streaming.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamingConfigTest {
    @Test
    void defaultsMatchTheLocalStack() {
        StreamingConfig config = StreamingConfig.from(new String[0], Map.of());
        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topic()).isEqualTo("case-events");
        assertThat(config.deadLetterTopic()).isEqualTo("case-events-dlq");
        assertThat(config.alertsTopic()).isEqualTo("case-alerts");
        assertThat(config.startingOffsets()).isEqualTo("earliest");
        assertThat(config.clickHouse().url()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123/default");
        assertThat(config.clickHouse().user()).isEqualTo("default");
        assertThat(config.clickHouse().password()).isEmpty();
        assertThat(config.clickHouse().database()).isEqualTo("xiaoneng");
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.checkpointDir()).isEqualTo(Path.of("data/flink-checkpoints").toAbsolutePath());
        assertThat(config.warningRule().yellowRatio()).isEqualTo(0.9);
        assertThat(config.warningRule().yellowDaysLeft()).isEqualTo(1);
        assertThat(config.parallelism()).isNull();
        assertThat(config.stateBackend()).isEqualTo("rocksdb");
        assertThat(config.clickHouse().shards()).isEmpty();
    }

    @Test
    void aClustersShardsAreListedReplicaByReplica() {
        StreamingConfig config = StreamingConfig.from(new String[] {"--clickhouse-shards",
                "ch-1a:8123, ch-1b:8123; https://ch-2a.example:8443"}, Map.of());
        assertThat(config.clickHouse().shards()).extracting(shard -> shard.stream().map(Object::toString).toList())
                .containsExactly(java.util.List.of("http://ch-1a:8123/", "http://ch-1b:8123/"),
                        java.util.List.of("https://ch-2a.example:8443/"));
        assertThatThrownBy(() -> StreamingConfig.from(new String[] {"--clickhouse-shards", "ch-1a"}, Map.of()))
                .hasMessageContaining("each replica is host:port");
        assertThatThrownBy(() -> StreamingConfig.from(new String[] {"--state-backend", "memory"}, Map.of()))
                .hasMessageContaining("--state-backend must be rocksdb or hashmap");
    }

    @Test
    void argumentsWinOverTheEnvironment() {
        StreamingConfig config = StreamingConfig.from(
                new String[] {"--clickhouse-url", "jdbc:clickhouse://ch:8123/default", "--yellow-ratio", "0.8",
                        "--clickhouse-flush-interval", "0.2s", "--parallelism", "3"},
                Map.of("CLICKHOUSE_URL", "jdbc:clickhouse://other:8123/default", "KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                        "CLICKHOUSE_PASSWORD", "secret", "DATA_DIR", "/srv/xn", "YELLOW_DAYS_LEFT", "2"));
        assertThat(config.clickHouse().url()).isEqualTo("jdbc:clickhouse://ch:8123/default");
        assertThat(config.kafkaBootstrapServers()).isEqualTo("k:9092");
        assertThat(config.clickHouse().password()).isEqualTo("secret");
        assertThat(config.clickHouse().flushInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.checkpointDir()).isEqualTo(Path.of("/srv/xn/flink-checkpoints"));
        assertThat(config.warningRule().yellowRatio()).isEqualTo(0.8);
        assertThat(config.warningRule().yellowDaysLeft()).isEqualTo(2);
        assertThat(config.parallelism()).isEqualTo(3);
    }

    @Test
    void theEmbeddedRestEndpointIsLoopbackReadOnlyAndWithoutCors() {
        Configuration rest = StreamingMain.embeddedRest(StreamingConfig.from(new String[0], Map.of()).bindAddress());
        assertThat(rest.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(rest.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(rest.get(JobManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(rest.get(TaskManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(rest.get(WebOptions.SUBMIT_ENABLE)).isFalse();
        assertThat(rest.get(WebOptions.CANCEL_ENABLE)).isFalse();
        assertThat(rest.get(WebOptions.RESCALE_ENABLE)).isFalse();
        assertThat(rest.get(WebOptions.ACCESS_CONTROL_ALLOW_ORIGIN)).isEmpty();
        assertThat(new Configuration().get(WebOptions.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");

        StreamingConfig widened = StreamingConfig.from(new String[0], Map.of("BIND_ADDRESS", "0.0.0.0"));
        Configuration everywhere = StreamingMain.embeddedRest(widened.bindAddress());
        assertThat(everywhere.get(RestOptions.BIND_ADDRESS)).isEqualTo("0.0.0.0");
        assertThat(everywhere.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(everywhere.get(WebOptions.CANCEL_ENABLE)).isFalse();
        assertThat(StreamingMain.embeddedRest(StreamingConfig.from(new String[] {"--bind-address", "192.168.1.20"},
                Map.of("BIND_ADDRESS", "0.0.0.0")).bindAddress()).get(RestOptions.BIND_ADDRESS)).isEqualTo("192.168.1.20");
    }

    @Test
    void unknownArgumentsAreRefused() {
        assertThatThrownBy(() -> StreamingConfig.from(new String[] {"--kafka", "x:9092"}, Map.of()))
                .hasMessageContaining("unknown argument or missing value: --kafka");
    }

    @Test
    void restoresFromTheNewestCompleteCheckpoint(@TempDir Path dir) throws Exception {
        assertThat(LocalRecovery.latestCheckpoint(dir.resolve("missing"))).isEmpty();
        Path older = checkpoint(dir, "job-a", "chk-7", Instant.parse("2026-11-26T10:00:00Z"));
        Path newer = checkpoint(dir, "job-b", "chk-2", Instant.parse("2026-11-26T11:00:00Z"));
        Files.createDirectories(dir.resolve("job-b/chk-3"));
        Files.createDirectories(dir.resolve("job-b/shared"));
        assertThat(LocalRecovery.latestCheckpoint(dir)).contains(newer);
        Files.delete(newer.resolve("_metadata"));
        assertThat(LocalRecovery.latestCheckpoint(dir)).contains(older);
    }

    @Test
    void anEmbeddedRunRestoresWithTheBackendThatWroteTheCheckpoints(@TempDir Path dir) throws Exception {
        // checkpoints of a run before the backend was recorded: every such run used the heap
        checkpoint(dir, "job-a", "chk-7", Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(LocalRecovery.backendOfCheckpoints(dir)).isEqualTo("hashmap");
        StreamingConfig config = StreamingConfig.from(new String[] {"--checkpoint-dir", dir.toString()}, Map.of());
        StreamingMain.environment(config);
        assertThat(LocalRecovery.backendOfCheckpoints(dir)).isEqualTo("hashmap");
        // a fresh start takes the configured one and records it
        StreamingMain.environment(StreamingConfig.from(new String[] {"--checkpoint-dir", dir.toString(),
                "--restore", "none"}, Map.of()));
        assertThat(LocalRecovery.backendOfCheckpoints(dir)).isEqualTo("rocksdb");
    }

    private static Path checkpoint(Path dir, String job, String chk, Instant written) throws Exception {
        Path checkpoint = Files.createDirectories(dir.resolve(job).resolve(chk));
        Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(written));
        return checkpoint;
    }
}
