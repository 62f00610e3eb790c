package com.xiaoneng.localstack;

import com.xiaoneng.chdb.Ports;

import com.xiaoneng.localstack.LocalStackStatus.State;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackTest {

    @Test
    void startsTheServicesAndAnAppReportsHealthAndResumesOnTheSameData(@TempDir Path dir) throws Exception {
        Path appDir = dir.resolve("repo");
        fakeAppJar(appDir.resolve("command-side/target/command-side.jar"));
        fakeAppJar(appDir.resolve("query-side/target/query-side.jar"));
        int commandPort = Ports.freePort();
        int queryPort = Ports.freePort();
        boolean withClickHouse = chdbAvailable();
        Map<String, String> env = new HashMap<>(Map.of(
                "DATA_DIR", dir.resolve("data").toString(),
                "APP_DIR", appDir.toString(),
                "PG_PORT", "0",
                "KAFKA_PORT", "0",
                "CLICKHOUSE_PORT", "0",
                "COMMAND_PORT", String.valueOf(commandPort),
                "QUERY_PORT", String.valueOf(queryPort),
                "SKIP", withClickHouse ? "" : "clickhouse",
                "APP_START_TIMEOUT_SECONDS", "60"));

        try (LocalStack stack = LocalStack.start(LocalStackConfig.fromEnv(env))) {
            Map<String, LocalStackStatus> health = byName(stack.health());
            assertThat(health.get("postgres").state()).isEqualTo(State.UP);
            assertThat(health.get("postgres").address()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/xiaoneng");
            assertThat(health.get("kafka").state()).isEqualTo(State.UP);
            assertThat(health.get("kafka").detail()).contains("3 topics");
            if (withClickHouse) {
                assertThat(health.get("clickhouse").state()).isEqualTo(State.UP);
                assertThat(health.get("clickhouse").address()).startsWith("http://127.0.0.1:");
                assertThat(stack.appEnvironment().get("CLICKHOUSE_URL")).startsWith("jdbc:clickhouse://127.0.0.1:");
            } else {
                assertThat(health.get("clickhouse").state()).isEqualTo(State.SKIPPED);
            }
            assertThat(health.get("command-side").state()).isEqualTo(State.UP);
            assertThat(health.get("command-side").address()).isEqualTo("http://127.0.0.1:" + commandPort);
            assertThat(health.get("query-side").state()).isEqualTo(State.UP);
            assertThat(health.get("streaming").state()).isEqualTo(State.SKIPPED);
            assertThat(health.get("streaming").detail()).contains("streaming/target/streaming-job.jar");

            String summary = stack.summary();
            System.out.println(summary);
            assertThat(summary).contains("postgres", "kafka", "command-side", "UP", "SKIPPED");
            assertThat(stack.appEnvironment()).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                    "SPRING_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS")
                    .containsEntry("DATA_DIR", dir.resolve("data").toString());
            Path data = dir.resolve("data");
            String pgPassword = Files.readString(data.resolve("postgres.password")).strip();
            assertThat(Files.readString(data.resolve("logs/command-side.log")))
                    .contains("SPRING_DATASOURCE_URL=" + stack.appEnvironment().get("SPRING_DATASOURCE_URL"))
                    .contains("SPRING_DATASOURCE_PASSWORD=" + pgPassword)
                    .contains("KAFKA_BOOTSTRAP_SERVERS=" + stack.appEnvironment().get("KAFKA_BOOTSTRAP_SERVERS"))
                    .contains("SERVER_ADDRESS=127.0.0.1")
                    .contains("SERVER_PORT=" + commandPort)
                    // the command side has no ClickHouse user
                    .contains("CLICKHOUSE_USER=null");
            assertThat(Files.readString(data.resolve("logs/query-side.log"))).contains("SERVER_ADDRESS=127.0.0.1");
            if (withClickHouse) {
                assertThat(Files.readString(data.resolve("logs/query-side.log")))
                        .contains("CLICKHOUSE_USER=query_side")
                        .contains("CLICKHOUSE_PASSWORD=" + Files.readString(data.resolve("clickhouse-query-side.password")).strip());
                assertThat(stack.clickHouseUsers().get("streaming").name()).isEqualTo("default");
                assertThat(stack.clickHouseUsers().get("streaming").password())
                        .isEqualTo(Files.readString(data.resolve("clickhouse.password")).strip());
                assertThat(stack.clickHouseUsers().get("grafana").readOnly()).isTrue();
                for (String name : List.of("clickhouse", "clickhouse-query-side", "clickhouse-reader")) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(name + ".password"))))
                            .isEqualTo("rw-------");
                }
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("postgres.password"))))
                    .isEqualTo("rw-------");

            // every socket on loopback only: not reachable through the machine's other address
            Optional<InetAddress> other = LocalAddresses.find();
            if (other.isPresent()) {
                List<Integer> ports = new ArrayList<>(List.of(port(stack.appEnvironment().get("SPRING_DATASOURCE_URL")),
                        port(stack.appEnvironment().get("KAFKA_BOOTSTRAP_SERVERS")), commandPort, queryPort));
                if (withClickHouse) {
                    ports.add(port(stack.appEnvironment().get("CLICKHOUSE_HTTP_URL")));
                }
                for (int port : ports) {
                    assertThat(LocalAddresses.accepts(InetAddress.getLoopbackAddress(), port)).as("port " + port).isTrue();
                    assertThat(LocalAddresses.accepts(other.get(), port)).as("port " + port + " on " + other.get()).isFalse();
                }
            }
        }
        assertThat(Ports.isFree(commandPort)).as("app stopped with the stack").isTrue();

        env.put("SKIP", withClickHouse ? "command-side,query-side" : "clickhouse,command-side,query-side");
        try (LocalStack again = LocalStack.start(LocalStackConfig.fromEnv(env))) {
            Map<String, LocalStackStatus> health = byName(again.health());
            assertThat(health.get("postgres").state()).isEqualTo(State.UP);
            assertThat(health.get("kafka").state()).isEqualTo(State.UP);
            assertThat(health.get("command-side").detail()).isEqualTo("in SKIP");
        }
    }

    @Test
    void aPortInUseIsReportedWithTheVariableToChange(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Map<String, String> env = Map.of("DATA_DIR", dir.toString(), "APP_DIR", dir.toString(),
                    "KAFKA_PORT", String.valueOf(port), "SKIP", "postgres,clickhouse");
            assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.fromEnv(env)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + port + " (Kafka) is already in use")
                    .hasMessageContaining("KAFKA_PORT=");

            Map<String, String> pgEnv = Map.of("DATA_DIR", dir.toString(), "APP_DIR", dir.toString(),
                    "PG_PORT", String.valueOf(port), "SKIP", "kafka,clickhouse");
            assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.fromEnv(pgEnv)))
                    .hasMessageContaining("Port " + port + " (PostgreSQL) is already in use")
                    .hasMessageContaining("PG_PORT=");

            fakeAppJar(dir.resolve("command-side/target/command-side.jar"));
            Map<String, String> appEnv = Map.of("DATA_DIR", dir.toString(), "APP_DIR", dir.toString(),
                    "COMMAND_PORT", String.valueOf(port), "SKIP", "postgres,kafka,clickhouse");
            assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.fromEnv(appEnv)))
                    .hasMessageContaining("Port " + port + " (command-side) is already in use")
                    .hasMessageContaining("COMMAND_PORT=");
        }
    }

    @Test
    void stopsAnAppLeftRunningByAKilledLauncher(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("command-side/target/command-side.jar");
        fakeAppJar(jar);
        int port = Ports.freePort();
        ProcessBuilder orphan = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orphan.log").toFile());
        orphan.environment().put("SERVER_PORT", String.valueOf(port));
        Process leftover = orphan.start();
        try {
            Files.createDirectories(dir.resolve("data/run"));
            Files.writeString(dir.resolve("data/run/command-side.pid"), leftover.pid() + "\n");
            Map<String, String> env = Map.of("DATA_DIR", dir.resolve("data").toString(), "APP_DIR", dir.toString(),
                    "COMMAND_PORT", String.valueOf(port), "SKIP", "postgres,kafka,clickhouse");
            try (LocalStack stack = LocalStack.start(LocalStackConfig.fromEnv(env))) {
                assertThat(leftover.isAlive()).isFalse();
                assertThat(byName(stack.health()).get("command-side").state()).isEqualTo(State.UP);
            }
            assertThat(dir.resolve("data/run/command-side.pid")).doesNotExist();
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void externalServicesAreNotStartedAndHandedToTheApps(@TempDir Path dir) {
        Map<String, String> env = Map.of("DATA_DIR", dir.toString(), "APP_DIR", dir.toString(),
                "KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092",
                "CLICKHOUSE_URL", "http://clickhouse.example:8123",
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://db.example:5432/xiaoneng",
                "SPRING_DATASOURCE_USERNAME", "xn");
        try (LocalStack stack = LocalStack.start(LocalStackConfig.fromEnv(env))) {
            Map<String, LocalStackStatus> health = byName(stack.health());
            assertThat(health.get("kafka").state()).isEqualTo(State.EXTERNAL);
            assertThat(health.get("clickhouse").address()).isEqualTo("http://clickhouse.example:8123");
            assertThat(health.get("postgres").address()).isEqualTo("jdbc:postgresql://db.example:5432/xiaoneng");
            assertThat(stack.appEnvironment())
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092")
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "xn");
        }
    }

    @Test
    void aSecondStackOnTheSameDataDirIsRefused(@TempDir Path dir) {
        Map<String, String> env = Map.of("DATA_DIR", dir.toString(), "APP_DIR", dir.toString(),
                "SKIP", "postgres,kafka,clickhouse");
        try (LocalStack first = LocalStack.start(LocalStackConfig.fromEnv(env))) {
            assertThat(first.health()).extracting(LocalStackStatus::state).containsOnly(State.SKIPPED);
            assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.fromEnv(env)))
                    .hasMessageContaining("already running on " + dir);
        }
    }

    @Test
    void aWiderBindAddressIsWarnedAboutAndHandedToTheApps(@TempDir Path dir) throws Exception {
        InetAddress other = LocalAddresses.nonLoopback();
        fakeAppJar(dir.resolve("command-side/target/command-side.jar"));
        int port = Ports.freePort();
        Map<String, String> env = Map.of("DATA_DIR", dir.resolve("data").toString(), "APP_DIR", dir.toString(),
                "BIND_ADDRESS", other.getHostAddress(), "COMMAND_PORT", String.valueOf(port),
                "SKIP", "postgres,kafka,clickhouse");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger log = (Logger) LoggerFactory.getLogger(LocalStack.class);
        log.addAppender(logged);
        try (LocalStack stack = LocalStack.start(LocalStackConfig.fromEnv(env))) {
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).startsWith("WARNING: BIND_ADDRESS=" + other.getHostAddress())
                        .contains("not only on 127.0.0.1");
            });
            assertThat(stack.summary()).contains("WARNING: BIND_ADDRESS=" + other.getHostAddress());
            LocalStackStatus app = byName(stack.health()).get("command-side");
            assertThat(app.state()).isEqualTo(State.UP);
            assertThat(app.address()).isEqualTo("http://" + other.getHostAddress() + ":" + port);
            assertThat(Files.readString(dir.resolve("data/logs/command-side.log")))
                    .contains("SERVER_ADDRESS=" + other.getHostAddress());
        } finally {
            log.detachAppender(logged);
        }
    }

    @Test
    void theBindAddressIsLoopbackUnlessSetToAnAddress() {
        assertThat(LocalStackConfig.fromEnv(Map.of()).bind()).isEqualTo(BindAddress.LOOPBACK);
        assertThat(BindAddress.LOOPBACK.warning()).isNull();
        assertThat(new BindAddress("::1").warning()).isNull();
        BindAddress all = LocalStackConfig.fromEnv(Map.of("BIND_ADDRESS", "0.0.0.0")).bind();
        assertThat(all.isWildcard()).isTrue();
        assertThat(all.connectHost()).isEqualTo("127.0.0.1");
        assertThat(all.warning()).contains("on every network interface");
        for (String bad : List.of("localhost", "example.org", "256.1.1.1", "1.2.3", "*")) {
            assertThatThrownBy(() -> LocalStackConfig.fromEnv(Map.of("BIND_ADDRESS", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BIND_ADDRESS");
        }
    }

    @Test
    void rejectsABadPortValueNamingTheVariable() {
        assertThatThrownBy(() -> LocalStackConfig.fromEnv(Map.of("QUERY_PORT", "80a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QUERY_PORT");
        LocalStackConfig defaults = LocalStackConfig.fromEnv(Map.of());
        assertThat(defaults.port("PG_PORT")).isEqualTo(5432);
        assertThat(defaults.port("KAFKA_PORT")).isEqualTo(9092);
        assertThat(defaults.port("CLICKHOUSE_PORT")).isEqualTo(8123);
        assertThat(defaults.port("COMMAND_PORT")).isEqualTo(8080);
        assertThat(defaults.port("QUERY_PORT")).isEqualTo(8081);
        assertThat(defaults.dataDir().getFileName()).hasToString("data");
    }

    /** The endpoint needs libchdb.so (clickhouse-chdb/scripts/fetch-chdb.sh); without it the test covers the rest. */
    private static boolean chdbAvailable() {
        try {
            ClickHouseEndpoint.locateLibchdb();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static int port(String address) {
        return Integer.parseInt(address.replaceFirst(".*:(\\d+).*", "$1"));
    }

    private static Map<String, LocalStackStatus> byName(List<LocalStackStatus> statuses) {
        Map<String, LocalStackStatus> map = new HashMap<>();
        statuses.forEach(s -> map.put(s.name(), s));
        return map;
    }

    /** A jar with no classes of its own that runs {@link FakeHttpApp} from the test classes directory. */
    private static void fakeAppJar(Path jar) throws Exception {
        Files.createDirectories(jar.getParent());
        Path classes = Path.of(FakeHttpApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeHttpApp.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
    }
}
