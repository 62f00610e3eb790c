package com.xiaoneng.localstack.kafka;

import com.xiaoneng.localstack.BindAddress;
import com.xiaoneng.chdb.Ports;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running in this JVM,
 * from the same Kafka version as the project's clients.
 *
 * <p>Use from tests and tools:
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(tempDir, 0, KafkaBroker.DEFAULT_TOPICS)) {
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Listens on 127.0.0.1:{@code port} (or the given {@link BindAddress}, advertised as where clients on this
 *       machine connect: with 0.0.0.0 that is 127.0.0.1, so clients elsewhere need the machine's own address as
 *       bind address); port 0 picks a free port. The controller listener takes another free port of 127.0.0.1.</li>
 *   <li>The log dir is formatted once (cluster id in {@code meta.properties}); starting again on the same dir
 *       keeps all topics and records.</li>
 *   <li>Topic auto-creation is off: the given topics (name → partitions, replication 1) are created at start when
 *       missing; producing to any other topic fails.</li>
 *   <li>Internal topics (offsets, transactions, share groups) use replication 1, so consumer groups,
 *       idempotent and transactional producers work; transactions may last up to 1 h (Flink's KafkaSink default).</li>
 * </ul>
 */
public final class KafkaBroker implements AutoCloseable {

    /** The project's topics and their partition counts. */
    public static final Map<String, Integer> DEFAULT_TOPICS = Collections.unmodifiableMap(parseTopics(
            "case-events:6,case-alerts:3,case-events-dlq:1"));

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final Path logDir;
    private final BindAddress bind;
    private final int port;
    private volatile boolean closed;

    private KafkaBroker(KafkaRaftServer server, Path logDir, BindAddress bind, int port) {
        this.server = server;
        this.logDir = logDir;
        this.bind = bind;
        this.port = port;
    }

    /** {@link #start(Path, BindAddress, int, Map)} on 127.0.0.1. */
    public static KafkaBroker start(Path logDir, int port, Map<String, Integer> topics) {
        return start(logDir, BindAddress.LOOPBACK, port, topics);
    }

    /**
     * Starts the broker and returns once the given topics exist and every partition has a leader.
     *
     * @param logDir where the broker keeps its data; created and formatted on first use
     * @param bind   where the client listener listens
     * @param port   client port, or 0 for a free one
     * @param topics topic name → partition count, created when missing (existing topics are left as they are)
     * @throws com.xiaoneng.chdb.PortInUseException when {@code port} is taken
     */
    public static KafkaBroker start(Path logDir, BindAddress bind, int port, Map<String, Integer> topics) {
        int clientPort = Ports.resolve(port);
        Ports.requireFree(clientPort, "Kafka");
        int controllerPort = Ports.freePort();
        Path dir = logDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            KafkaConfig config = new KafkaConfig(brokerProperties(dir, bind, clientPort, controllerPort), false);
            formatOnce(dir);
            KafkaBroker broker = new KafkaBroker(new KafkaRaftServer(config, Time.SYSTEM), dir, bind, clientPort);
            try {
                broker.server.startup();
                broker.ensureTopics(topics);
            } catch (Exception e) {
                broker.close();
                throw e;
            }
            LOG.info("Kafka broker ready on {} (log dir {}, topics {})", broker.bootstrapServers(), dir, topics);
            return broker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker failed to start in " + dir + ": " + e, e);
        }
    }

    /**
     * Parses {@code "name:partitions,name:partitions"} (as in env KAFKA_TOPICS); a name without a count gets 1 partition.
     * The order of the spec is kept.
     */
    public static Map<String, Integer> parseTopics(String spec) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String item : spec.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            String name = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
            int partitions;
            try {
                partitions = colon < 0 ? 1 : Integer.parseInt(trimmed.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad topic spec '" + trimmed + "', expected name:partitions", e);
            }
            if (name.isEmpty() || partitions < 1) {
                throw new IllegalArgumentException("bad topic spec '" + trimmed + "', expected name:partitions");
            }
            topics.put(name, partitions);
        }
        return topics;
    }

    /** {@code 127.0.0.1:port} (the bind address when it is a single other one), for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bind.urlHost() + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker and waits until its log dir is released; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    private static Properties brokerProperties(Path dir, BindAddress bind, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // static quorum: the voter address lives in config, not in the log, so the controller port may change per start
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        String listenHost = bind.host().contains(":") ? "[" + bind.host() + "]" : bind.host();
        p.put("listeners", "PLAINTEXT://" + listenHost + ":" + clientPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + bind.urlHost() + ":" + clientPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("metadata.log.dir", dir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        // Flink's exactly-once KafkaSink asks for 1 h transactions; the broker default caps them at 15 min
        p.put("transaction.max.timeout.ms", "3600000");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // a lone consumer should not wait 3 s for others to join
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Formats the storage dir the first time only; a formatted dir keeps its cluster id and data. */
    private static void formatOnce(Path dir) throws Exception {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        LOG.info("Formatted Kafka storage: {}", out.toString(StandardCharsets.UTF_8).trim());
    }

    private void ensureTopics(Map<String, Integer> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            topics.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1));
                }
            });
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            awaitLeaders(admin, topics);
        }
    }

    /** Producers started right after {@link #start} must not see "leader not available". */
    private static void awaitLeaders(Admin admin, Map<String, Integer> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            Map<String, TopicDescription> described;
            try {
                described = admin.describeTopics(topics.keySet()).allTopicNames()
                        .get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // a topic just created may not be in the broker's metadata yet: ask again until the deadline
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
                continue;
            }
            boolean ready = described.values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            if (ready) {
                described.forEach((name, d) -> {
                    if (d.partitions().size() != topics.get(name)) {
                        LOG.warn("Topic {} has {} partitions, configured {}; existing topics are not changed",
                                name, d.partitions().size(), topics.get(name));
                    }
                });
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + topics.keySet() + " have no leader after " + READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }
}
