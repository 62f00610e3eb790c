package com.xiaoneng.systemtests;

import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.localstack.kafka.KafkaBroker;
import com.xiaoneng.streaming.job.CaseStreamJob;
import com.xiaoneng.streaming.job.StreamingConfig;
import com.xiaoneng.streaming.job.StreamingMain;
import com.xiaoneng.streaming.testing.ClickHouse;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline of an end-to-end test, each part real: a Kafka broker, the chDB ClickHouse endpoint with the
 * migrations applied to one database, the command side in its own process, and the streaming job (MiniCluster)
 * from the broker into that database. Closed in reverse order of start.
 */
final class Pipeline implements AutoCloseable {
    final Path dir;
    final String database;
    final KafkaBroker broker;
    final ClickHouseEndpoint clickHouse;
    private CommandSide commandSide;
    private JobClient job;

    private Pipeline(Path dir, String database, KafkaBroker broker, ClickHouseEndpoint clickHouse) {
        this.dir = dir;
        this.database = database;
        this.broker = broker;
        this.clickHouse = clickHouse;
    }

    static Pipeline start(Path dir, String database) throws Exception {
        KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0,
                Map.of("case-events", 3, "case-alerts", 1, "case-events-dlq", 1));
        ClickHouseEndpoint clickHouse = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(),
                dir.resolve("clickhouse"), 0, "default", "");
        Pipeline pipeline = new Pipeline(dir, database, broker, clickHouse);
        try (Connection connection = ClickHouse.connect(clickHouse)) {
            ClickHouseMigrations.apply(connection, database);
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    CommandSide commandSide(String lateFactGrace, Map<String, String> settings) throws Exception {
        commandSide = CommandSide.start(dir, broker.bootstrapServers(), lateFactGrace, settings);
        return commandSide;
    }

    /** The job under {@code name} as its own consumer group, with these options beside the pipeline's own. */
    void job(String name, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--kafka-bootstrap-servers", broker.bootstrapServers(),
                "--group-id", "streaming-" + name, "--clickhouse-url", clickHouse.url(),
                "--clickhouse-database", database, "--checkpoint-dir", dir.resolve("checkpoints").toString(),
                "--parallelism", "2"));
        args.addAll(List.of(options));
        StreamingConfig config = StreamingConfig.from(args.toArray(String[]::new), Map.of());
        StreamExecutionEnvironment env = StreamingMain.environment(config);
        CaseStreamJob.attach(StreamingMain.kafkaMessages(env, config), StreamingMain.sinks(config), config.warningRule(),
                config.gapTimeout(), config.warningSettle());
        job = env.executeAsync(name);
    }

    @Override
    public void close() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        clickHouse.close();
        broker.close();
    }
}
