package com.xiaoneng.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side as a separate process: its executable jar on its own embedded PostgreSQL, publishing to
 * the given Kafka broker, with the local demo users (user {@code x}, password {@code x-pass}).
 */
public final class CommandSide implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Where the build puts the path of the command side's jar. */
    static final String JAR_PROPERTY = "systemtests.commandSideJar";

    private final Process process;
    private final URI url;
    private final Path postgresDir;
    private final int postgresPort;

    private CommandSide(Process process, URI url, Path postgresDir, int postgresPort) {
        this.process = process;
        this.url = url;
        this.postgresDir = postgresDir;
        this.postgresPort = postgresPort;
    }

    /**
     * Starts the command side's jar (the Maven dependency, path in system property {@value #JAR_PROPERTY}) in
     * {@code dir} on its own embedded PostgreSQL, without the sample catalog; automatic steps wait
     * {@code lateFactGrace}. {@code settings} (Spring properties) override these defaults.
     */
    public static CommandSide start(Path dir, String bootstrapServers, String lateFactGrace, Map<String, String> settings)
            throws Exception {
        String jar = System.getProperty(JAR_PROPERTY);
        assertThat(jar).as("system property " + JAR_PROPERTY + " (set by the system-tests build)").isNotBlank();
        int port = freePort();
        int postgresPort = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", String.valueOf(port));
        all.put("xiaoneng.embedded-postgres.data-dir", dir.resolve("postgres").toString());
        all.put("xiaoneng.embedded-postgres.port", String.valueOf(postgresPort));
        all.put("xiaoneng.catalog.seed-sample", "false");
        all.put("xiaoneng.publishing.bootstrap-servers", bootstrapServers);
        all.put("xiaoneng.publishing.pseudonym-secret", "e2e-secret-0123456789abcdef");
        all.put("db-scheduler.polling-interval", "1s");
        all.put("xiaoneng.rules.late-fact-grace", lateFactGrace);
        all.putAll(settings);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-jar", jar));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("command-side.log").toFile()).start();
        CommandSide commandSide = new CommandSide(process, URI.create("http://127.0.0.1:" + port),
                dir.resolve("postgres"), postgresPort);
        await("the command side to start", Duration.ofSeconds(120), () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(commandSide.url().resolve("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return commandSide;
    }

    public static CommandSide start(Path dir, String bootstrapServers, String lateFactGrace) throws Exception {
        return start(dir, bootstrapServers, lateFactGrace, Map.of());
    }

    public URI url() {
        return url;
    }

    /** A connection to its event store (the embedded PostgreSQL's password is kept beside its data directory). */
    public Connection eventStore() throws Exception {
        String password = Files.readString(postgresDir.resolveSibling(postgresDir.getFileName() + ".password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/xiaoneng", "postgres",
                password);
    }

    /** The response to a request as {@code user}: status and body. */
    public HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url.resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request that must succeed; its JSON answer. */
    public JsonNode call(String method, String path, String user, String body) throws Exception {
        HttpResponse<String> response = send(method, path, user, body);
        assertThat(response.statusCode()).as(method + " " + path + " → " + response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    public void item(String code, String name, String type, int limit, String scope) throws Exception {
        call("PUT", "/api/catalog/items/" + code, "admin", """
                {"name":"%s","type":"%s","legalBasis":"《新疆维吾尔自治区促进政务服务便利化条例》","agencyCode":"650100-ZW",
                 "agencyName":"乌鲁木齐市政务服务管理局","regionCode":"650100","statutoryLimitDays":20,
                 "promisedLimitDays":%d,"crossRegionScope":"%s","feeYuan":0}""".formatted(name, type, limit, scope));
    }

    public void submit(String id, String item, String channel, String accepting, String handling, String at, int applicant)
            throws Exception {
        call("POST", "/api/cases", "agency", """
                {"caseId":"%s","itemCode":"%s","applicant":{"type":"PERSON","id":"65010219800101%04d"},"channel":"%s",
                 "acceptingRegion":"%s","handlingRegion":"%s","submittedAt":"%s"}"""
                .formatted(id, item, applicant, channel, accepting, handling, at));
    }

    public JsonNode step(String id, String step, String body) throws Exception {
        return call("POST", "/api/cases/" + id + "/" + step, "agency", body);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
