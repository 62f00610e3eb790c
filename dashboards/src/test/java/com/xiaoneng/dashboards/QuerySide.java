package com.xiaoneng.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The query side's executable jar as a child process, reading the given ClickHouse endpoint. */
final class QuerySide implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private QuerySide(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    static QuerySide start(Path jar, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        QuerySide querySide = new QuerySide(builder.start(), log, port);
        try {
            querySide.awaitHealthy();
        } catch (RuntimeException | InterruptedException e) {
            querySide.close();
            throw e;
        }
        return querySide;
    }

    private void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the query side exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the query side did not become healthy within " + STARTUP + "\n" + logTail());
    }

    /** GET {@code pathAndQuery} as the given local user; the JSON answer. */
    JsonNode get(String pathAndQuery, String user, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + ": " + response.statusCode() + " " + response.body());
        }
        return MAPPER.readTree(response.body());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
