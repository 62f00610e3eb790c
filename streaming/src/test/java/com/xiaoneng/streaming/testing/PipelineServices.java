package com.xiaoneng.streaming.testing;

import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.localstack.kafka.KafkaBroker;

import java.nio.file.Path;

/**
 * What a pipeline test runs the job against, each real: local-stack's Kafka broker with the given topics
 * ({@code name:partitions}) and the chDB ClickHouse endpoint, both in {@code dir}. ClickHouse can be stopped and
 * started again on its port and data, as an outage.
 */
public final class PipelineServices implements AutoCloseable {
    public final KafkaBroker broker;
    public final Kafka kafka;
    private final Path dir;
    private ClickHouseEndpoint clickHouse;

    private PipelineServices(Path dir, KafkaBroker broker, ClickHouseEndpoint clickHouse) {
        this.dir = dir;
        this.broker = broker;
        this.kafka = new Kafka(broker.bootstrapServers());
        this.clickHouse = clickHouse;
    }

    public static PipelineServices start(Path dir, String... topics) {
        KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0, Kafka.topics(topics));
        return new PipelineServices(dir, broker,
                ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("clickhouse"), 0, "default", ""));
    }

    public ClickHouseEndpoint clickHouse() {
        return clickHouse;
    }

    /** Stops ClickHouse; {@link #startClickHouse()} brings it back on the same port and data. Returns the port. */
    public int stopClickHouse() {
        int port = clickHouse.port();
        clickHouse.stop();
        return port;
    }

    public void startClickHouse(int port) {
        clickHouse = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("clickhouse"), port,
                "default", "");
    }

    @Override
    public void close() {
        kafka.close();
        clickHouse.close();
        broker.close();
    }
}
