package com.xiaoneng.streaming.job;

import com.clickhouse.jdbc.Driver;
import com.xiaoneng.streaming.alerts.CaseAlert;
import com.xiaoneng.streaming.clickhouse.CaseAlertsTable;
import com.xiaoneng.streaming.clickhouse.CaseCountsTable;
import com.xiaoneng.streaming.clickhouse.OverdueChangesTable;
import com.xiaoneng.streaming.clickhouse.RectificationOverdueTable;
import com.xiaoneng.streaming.clickhouse.CaseEventsTable;
import com.xiaoneng.streaming.clickhouse.CaseFactsTable;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.streaming.clickhouse.ClickHouseSettings;
import com.xiaoneng.streaming.clickhouse.ClickHouseSink;
import com.xiaoneng.streaming.clickhouse.ExactlyOnceClickHouseSink;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.JsonRecordSerializer;
import com.xiaoneng.streaming.ingest.KafkaDeadLetters;
import com.xiaoneng.streaming.ingest.RawMessage;
import com.xiaoneng.streaming.ingest.RawMessageDeserializer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs the job from {@code case-events} to ClickHouse and the alert and dead-letter topics.
 * {@code java -jar streaming-job.jar} runs it on an embedded MiniCluster that resumes from the newest
 * checkpoint in the checkpoint dir; {@code flink run -c ... streaming-job.jar} submits it to a cluster.
 */
public final class StreamingMain {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingMain.class);
    /** The job's name on a cluster (deploy/flink/submit-job.sh looks for it). */
    public static final String JOB_NAME = "xiaoneng case stream";

    private StreamingMain() {
    }

    public static void main(String[] args) throws Exception {
        StreamingConfig config = StreamingConfig.from(args, System.getenv());
        migrate(config.clickHouse());
        StreamExecutionEnvironment env = environment(config);
        CaseStreamJob.attach(kafkaMessages(env, config), sinks(config), config.warningRule(), config.gapTimeout(),
                config.warningSettle());
        JobExecutionResult result = env.execute(JOB_NAME);
        LOG.info("job finished after {} ms", result.getNetRuntime());
    }

    public static StreamExecutionEnvironment environment(StreamingConfig config) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir().toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        stateBackend(conf, config.stateBackend());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (env instanceof LocalStreamEnvironment) {
            Optional<String> restore = switch (config.restore()) {
                case "auto" -> LocalRecovery.latestCheckpoint(config.checkpointDir()).map(path -> path.toUri().toString());
                case "none" -> Optional.empty();
                default -> Optional.of(config.restore());
            };
            String backend = config.restore().equals("auto") && restore.isPresent()
                    ? LocalRecovery.backendOfCheckpoints(config.checkpointDir()) : config.stateBackend();
            if (!backend.equals(config.stateBackend())) {
                LOG.warn("embedded run: the checkpoints in {} were written by the {} state backend, which they restore"
                        + " into only: keeping it for this run instead of {} (to move, stop the job with a savepoint"
                        + " and start from it, or start with --restore none)", config.checkpointDir(), backend,
                        config.stateBackend());
                stateBackend(conf, backend);
            }
            LocalRecovery.recordBackend(config.checkpointDir(), backend);
            restore.ifPresent(path -> {
                LOG.info("embedded run: restoring from {}", path);
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
                // the new run owns the checkpoint and deletes it once subsumed, so old runs do not pile up
                conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
            });
            conf.addAll(embeddedRest(config.bindAddress()));
            env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        }
        if (config.parallelism() != null) {
            env.setParallelism(config.parallelism());
        }
        return env;
    }

    /**
     * A full heap snapshot every second took 38% of a replay's CPU at 272,000 cases; RocksDB's incremental
     * checkpoints write only the files that changed (docs/STREAMING.md, "State").
     */
    private static void stateBackend(Configuration conf, String backend) {
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.equals("rocksdb"));
    }

    /**
     * The embedded MiniCluster's REST endpoint and web UI: on loopback unless widened, read-only (no job
     * submission, cancellation or rescaling through it) and without CORS, so that no web page a browser on
     * this machine opens can drive it. A cluster keeps its own settings.
     */
    static Configuration embeddedRest(String bindAddress) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind-address must be an address such as 127.0.0.1, got " + bindAddress, e);
        }
        if (!address.isLoopbackAddress()) {
            LOG.warn("BIND_ADDRESS={}: the Flink REST endpoint and web UI listen beyond this machine, without"
                    + " authentication. Unset BIND_ADDRESS to keep them on 127.0.0.1.", bindAddress);
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, bindAddress);
        conf.set(RestOptions.ADDRESS, address.isAnyLocalAddress() ? "127.0.0.1" : bindAddress);
        // the MiniCluster's other listeners (blob server, shuffle) default to every interface
        conf.set(JobManagerOptions.BIND_HOST, bindAddress);
        conf.set(TaskManagerOptions.BIND_HOST, bindAddress);
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        conf.set(WebOptions.CANCEL_ENABLE, false);
        conf.set(WebOptions.RESCALE_ENABLE, false);
        // Flink's default is "*"; empty sends no usable origin, so no other site's script reads the API
        conf.set(WebOptions.ACCESS_CONTROL_ALLOW_ORIGIN, "");
        return conf;
    }

    public static DataStream<RawMessage> kafkaMessages(StreamExecutionEnvironment env, StreamingConfig config) {
        KafkaSource<RawMessage> source = KafkaSource.<RawMessage>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(config.topic())
                .setGroupId(config.groupId())
                .setStartingOffsets("latest".equals(config.startingOffsets())
                        ? OffsetsInitializer.latest() : OffsetsInitializer.earliest())
                .setDeserializer(new RawMessageDeserializer())
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "case-events topic").uid("case-events-source");
    }

    public static CaseStreamJob.Sinks sinks(StreamingConfig config) {
        ClickHouseSettings clickHouse = config.clickHouse();
        KafkaDeadLetters refused = new KafkaDeadLetters(config.kafkaBootstrapServers(), config.deadLetterTopic());
        return new CaseStreamJob.Sinks(
                new ClickHouseSink<>(clickHouse, new CaseEventsTable(), refused),
                new ClickHouseSink<>(clickHouse, new CaseFactsTable(), refused),
                new ExactlyOnceClickHouseSink<>(clickHouse, CaseCountsTable.all()),
                new ExactlyOnceClickHouseSink<>(clickHouse, CaseCountsTable.byRegion()),
                new ExactlyOnceClickHouseSink<>(clickHouse, new OverdueChangesTable()),
                new ExactlyOnceClickHouseSink<>(clickHouse, new RectificationOverdueTable()),
                new ClickHouseSink<>(clickHouse, new CaseAlertsTable(), refused),
                kafkaSink(config, config.alertsTopic(), CaseAlert::caseId),
                kafkaSink(config, config.deadLetterTopic(), DeadLetter::key));
    }

    private static <T> KafkaSink<T> kafkaSink(StreamingConfig config, String topic, SerializableFunction<T, String> key) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setRecordSerializer(new JsonRecordSerializer<>(topic, key))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** Applies the schema before the job starts; the sinks assume the tables exist. */
    static void migrate(ClickHouseSettings settings) throws SQLException {
        try (Connection connection = connect(settings)) {
            ClickHouseMigrations.apply(connection, settings.database());
        }
    }

    static Connection connect(ClickHouseSettings settings) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        return new Driver().connect(settings.url(), properties);
    }
}
