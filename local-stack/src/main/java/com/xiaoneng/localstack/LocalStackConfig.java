package com.xiaoneng.localstack;

import com.xiaoneng.localstack.kafka.KafkaBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link LocalStack} starts and where, read from environment variables (see {@link #fromEnv(Map)}).
 *
 * @param dataDir             root of all persistent data and the app logs
 * @param bind                where every service and app listens (BIND_ADDRESS, 127.0.0.1)
 * @param appDir              folder holding the module folders, where app jars are looked up
 * @param ports               port per variable name ({@code PG_PORT}, {@code KAFKA_PORT}, ...); 0 = any free port
 * @param kafkaTopics         topics created in the embedded broker, name → partitions
 * @param externalKafka       bootstrap servers of a Kafka to use instead of the embedded one, or null
 * @param externalClickHouse  URL of a ClickHouse to use instead of the embedded endpoint, or null
 * @param externalDatasource  JDBC URL of a PostgreSQL to use instead of the embedded one, or null
 * @param chdbLib             libchdb.so for the embedded ClickHouse endpoint, or null to look in the usual places
 * @param clickHouseUser      name of the embedded ClickHouse endpoint's writer (the streaming job's user)
 * @param clickHousePassword  its password instead of the generated one kept in the data dir, or null
 * @param skip                names of services and apps not to start (postgres, kafka, clickhouse, command-side, ...)
 * @param appStartTimeout     how long to wait for the apps to report healthy
 * @param environment         the full environment, handed on to the apps
 */
public record LocalStackConfig(
        Path dataDir,
        BindAddress bind,
        Path appDir,
        Map<String, Integer> ports,
        Map<String, Integer> kafkaTopics,
        String externalKafka,
        String externalClickHouse,
        String externalDatasource,
        Path chdbLib,
        String clickHouseUser,
        String clickHousePassword,
        Set<String> skip,
        Duration appStartTimeout,
        Map<String, String> environment) {

    public static final String PG_PORT = "PG_PORT";
    public static final String KAFKA_PORT = "KAFKA_PORT";
    public static final String CLICKHOUSE_PORT = "CLICKHOUSE_PORT";
    public static final String COMMAND_PORT = "COMMAND_PORT";
    public static final String QUERY_PORT = "QUERY_PORT";

    /** Port variables and their defaults; a new app with an HTTP port adds its row here. */
    public static final Map<String, Integer> DEFAULT_PORTS = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of(
            PG_PORT, 5432,
            KAFKA_PORT, 9092,
            CLICKHOUSE_PORT, 8123,
            COMMAND_PORT, 8080,
            QUERY_PORT, 8081)));

    public LocalStackConfig {
        dataDir = dataDir.toAbsolutePath().normalize();
        appDir = appDir.toAbsolutePath().normalize();
        ports = Map.copyOf(ports);
        kafkaTopics = Collections.unmodifiableMap(new LinkedHashMap<>(kafkaTopics));
        skip = Set.copyOf(skip);
        environment = Map.copyOf(environment);
    }

    /**
     * Reads DATA_DIR (default ./data), BIND_ADDRESS (default 127.0.0.1), APP_DIR (default .), PG_PORT, KAFKA_PORT,
     * CLICKHOUSE_PORT, COMMAND_PORT, QUERY_PORT, KAFKA_TOPICS, KAFKA_BOOTSTRAP_SERVERS, CLICKHOUSE_URL,
     * SPRING_DATASOURCE_URL, CHDB_LIB, CLICKHOUSE_USER (default "default"), CLICKHOUSE_PASSWORD (default: generated),
     * SKIP (comma separated) and APP_START_TIMEOUT_SECONDS (default 180).
     */
    public static LocalStackConfig fromEnv(Map<String, String> env) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        DEFAULT_PORTS.forEach((name, port) -> ports.put(name, port(env, name, port)));
        return new LocalStackConfig(
                Path.of(value(env, "DATA_DIR").orElse("data")),
                value(env, "BIND_ADDRESS").map(BindAddress::new).orElse(BindAddress.LOOPBACK),
                Path.of(value(env, "APP_DIR").orElse(".")),
                ports,
                value(env, "KAFKA_TOPICS").map(KafkaBroker::parseTopics).orElse(KafkaBroker.DEFAULT_TOPICS),
                value(env, "KAFKA_BOOTSTRAP_SERVERS").orElse(null),
                value(env, "CLICKHOUSE_URL").orElse(null),
                value(env, "SPRING_DATASOURCE_URL").orElse(null),
                value(env, "CHDB_LIB").map(Path::of).orElse(null),
                value(env, "CLICKHOUSE_USER").orElse("default"),
                Optional.ofNullable(env.get("CLICKHOUSE_PASSWORD")).filter(v -> !v.isEmpty()).orElse(null),
                value(env, "SKIP").map(s -> Arrays.stream(s.split(","))
                        .map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet())).orElse(Set.of()),
                Duration.ofSeconds(value(env, "APP_START_TIMEOUT_SECONDS").map(Long::parseLong).orElse(180L)),
                env);
    }

    public int port(String variable) {
        Integer port = ports.get(variable);
        if (port == null) {
            throw new IllegalArgumentException("no port variable " + variable);
        }
        return port;
    }

    public boolean skips(String name) {
        return skip.contains(name);
    }

    /** Where the generated password of a local service's user is kept: {@code DATA_DIR/<name>.password}. */
    public Path passwordFile(String name) {
        return dataDir.resolve(name + ".password");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** Pid files of the running apps, to stop them after a launcher was killed. */
    public Path pidDir() {
        return dataDir.resolve("run");
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String raw = value(env, name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(raw);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the variable name
        }
        throw new IllegalArgumentException(name + " must be a port number (0-65535), got '" + raw + "'");
    }
}
