package com.xiaoneng.localstack;

import com.xiaoneng.localstack.LocalStackStatus.State;
import com.xiaoneng.localstack.clickhouse.ClickHouseEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        int commandPort = Ports.freePort();
        boolean withClickHouse = chdbAvailable();
        Map<String, String> env = new HashMap<>(Map.of(
                "DATA_DIR", dir.resolve("data").toString(),
                "APP_DIR", appDir.toString(),
                "PG_PORT", "0",
                "KAFKA_PORT", "0",
                "CLICKHOUSE_PORT", "0",
                "COMMAND_PORT", String.valueOf(commandPort),
                "SKIP", withClickHouse ? "" : "clickhouse",
                "APP_START_TIMEOUT_SECONDS", "60"));

        try (LocalStack stack = LocalStack.start(LocalStackConfig.fromEnv(env))) {
            Map<String, LocalStackStatus> health = byName(stack.health());
            assertThat(health.get("postgres").state()).isEqualTo(State.UP);
            assertThat(health.get("postgres").address()).startsWith("jdbc:postgresql://localhost:").endsWith("/xiaoneng");
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
            assertThat(health.get("query-side").state()).isEqualTo(State.SKIPPED);
            assertThat(health.get("query-side").detail()).contains("query-side/target/query-side.jar");
            assertThat(health.get("streaming").state()).isEqualTo(State.SKIPPED);

            String summary = stack.summary();
            System.out.println(summary);
            assertThat(summary).contains("postgres", "kafka", "command-side", "UP", "SKIPPED");
            assertThat(stack.appEnvironment()).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                    "SPRING_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS")
                    .containsEntry("DATA_DIR", dir.resolve("data").toString());
            assertThat(Files.readString(dir.resolve("data/logs/command-side.log")))
                    .contains("SPRING_DATASOURCE_URL=" + stack.appEnvironment().get("SPRING_DATASOURCE_URL"))
                    .contains("KAFKA_BOOTSTRAP_SERVERS=" + stack.appEnvironment().get("KAFKA_BOOTSTRAP_SERVERS"))
                    .contains("SERVER_PORT=" + commandPort);
        }
        assertThat(Ports.isFree(commandPort)).as("app stopped with the stack").isTrue();

        env.put("SKIP", withClickHouse ? "command-side" : "clickhouse,command-side");
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

    /** The endpoint needs libchdb.so (local-stack/scripts/fetch-chdb.sh); without it the test covers the rest. */
    private static boolean chdbAvailable() {
        try {
            ClickHouseEndpoint.locateLibchdb();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
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
