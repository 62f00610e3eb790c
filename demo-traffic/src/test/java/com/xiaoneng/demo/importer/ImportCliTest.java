package com.xiaoneng.demo.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The importer against a real HTTP server that plays POST /api/import by its contract: it reads the NDJSON body
 * line by line as it arrives, rejects lines that are not JSON or name no known command, treats a repeated line as
 * a duplicate, and answers with the counts and the rejected lines.
 */
class ImportCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> COMMANDS = List.of("submit", "accept", "not-accept", "correct", "revoke-acceptance",
            "suspend", "resume", "extend", "complete", "rate", "rectify-rating");

    @TempDir
    Path dir;
    HttpServer server;
    URI url;
    final List<String> received = new ArrayList<>();
    final AtomicReference<Map<String, String>> headers = new AtomicReference<>();
    /** Set by a test to see how far the client had read the file when the server got the first line. */
    final AtomicReference<Importer> watched = new AtomicReference<>();
    final AtomicLong clientBytesAtFirstLine = new AtomicLong(-1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/import", this::importLines);
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void importLines(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 401, "{\"status\":401,\"rule\":\"auth.required\",\"message\":\"sign in first\"}");
            return;
        }
        headers.set(Map.of(
                "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                "transfer-encoding", String.valueOf(exchange.getRequestHeaders().getFirst("Transfer-Encoding")),
                "content-length", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Length"))));
        long lines = 0;
        long applied = 0;
        long duplicates = 0;
        ArrayNode rejections = JSON.createArrayNode();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (BufferedReader body = new BufferedReader(new InputStreamReader(exchange.getRequestBody(), StandardCharsets.UTF_8))) {
            for (String line = body.readLine(); line != null; line = body.readLine()) {
                lines++;
                if (lines == 1 && watched.get() != null) {
                    clientBytesAtFirstLine.set(watched.get().bytesSent());
                }
                synchronized (received) {
                    received.add(line);
                }
                JsonNode json;
                try {
                    json = JSON.readTree(line);
                } catch (IOException e) {
                    rejections.add(rejection(lines, null, "field", "line", "not JSON"));
                    continue;
                }
                if (!COMMANDS.contains(json.path("command").asText())) {
                    rejections.add(rejection(lines, json.path("caseId").asText(null), "field", "command", "unknown command"));
                } else if (!seen.add(line)) {
                    duplicates++;
                } else {
                    applied++;
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("lines", lines).put("applied", applied)
                .put("duplicates", duplicates).put("rejected", rejections.size()).put("automaticSteps", 0);
        answer.set("rejections", rejections);
        reply(exchange, 200, answer.toString());
    }

    static ObjectNode rejection(long line, String caseId, String kind, String name, String message) {
        return JSON.createObjectNode().put("line", line).put("caseId", caseId).put(kind, name).put("message", message);
    }

    static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    record Run(int status, String out, String err) {
    }

    Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImportCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generatesAFileAndImportsItWithBadLinesReported() throws IOException {
        Path file = dir.resolve("history.ndjson");
        Run generated = cli("generate", "--cases", "300", "--seed", "7", "--from", "2025-03-01", "--to", "2025-03-31",
                "--catalog", HistoryGeneratorTest.SAMPLE.toString(), "--out", file.toString());
        assertThat(generated.status()).as(generated.err()).isZero();
        assertThat(generated.err()).contains("generated 300 cases");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // two bad lines in the middle and a repeated one
        lines.add(100, "{\"command\":\"approve\",\"caseId\":\"X-1\"}");
        lines.add(200, "not json");
        lines.add(lines.get(5));
        Files.write(file, lines);

        Run run = cli("run", "--url", url.toString(), "--user", "admin", "--password", "admin-pass", file.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(received).containsExactlyElementsOf(lines);
        assertThat(headers.get()).containsEntry("content-type", "application/x-ndjson")
                .containsEntry("transfer-encoding", "chunked").containsEntry("content-length", "null");
        assertThat(run.out()).contains("lines %,d: applied %,d, duplicates 1, rejected 2; automatic steps scheduled after them 0".formatted(lines.size(), lines.size() - 3))
                .contains("line 101  X-1  command: unknown command")
                .contains("line 201  null  line: not JSON")
                .containsPattern("time 0:\\d\\d:\\d\\d, [\\d,]+ commands/s");
        // progress on stderr: the last state at 100 %
        assertThat(run.err()).contains("importing " + file).containsPattern("\\[#{30}] 100%  .* " + "%,d lines".formatted(lines.size()));
    }

    @Test
    void streamsTheFileRatherThanReadingItFirst() throws Exception {
        Path file = dir.resolve("large.ndjson");
        String line = "{\"command\":\"rate\",\"caseId\":\"S7-20250101-00001\",\"score\":5,\"comment\":\"%s\",\"at\":\"2025-01-02T10:00:00+08:00\"}"
                .formatted("很满意".repeat(40));
        int count = 150_000;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                out.write(line);
                out.write('\n');
            }
        }
        long size = Files.size(file);
        Importer importer = new Importer(url, "admin", "admin-pass", null, false);
        watched.set(importer);

        ImportResult result = importer.run(file);

        assertThat(result.lines()).isEqualTo(count);
        assertThat(result.bytesSent()).isEqualTo(size);
        assertThat(importer.linesSent()).isEqualTo(count);
        // the server had its first line while most of the file was still on disk
        assertThat(clientBytesAtFirstLine.get()).isPositive().isLessThan(size / 2);
    }

    @Test
    void transportFailureAndErrorAnswersExitNonZero() throws IOException {
        Path file = dir.resolve("one.ndjson");
        Files.writeString(file, "{\"command\":\"submit\",\"caseId\":\"A\"}\n");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run refused = cli("run", "--url", "http://127.0.0.1:" + closedPort, file.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("no answer from http://127.0.0.1:" + closedPort);

        Run unauthorized = cli("run", "--url", url.toString(), "--password", "wrong", file.toString());
        assertThat(unauthorized.status()).isEqualTo(1);
        assertThat(unauthorized.err()).contains("answered 401").contains("auth.required");

        assertThatThrownBy(() -> new Importer(url, "admin", "wrong", null, false).run(file))
                .isInstanceOf(Importer.ImportFailedException.class);
    }

    @Test
    void generatesToStandardOutput() throws IOException {
        Run run = cli("generate", "--cases", "50", "--from", "2025-03-03", "--to", "2025-03-07",
                "--catalog", HistoryGeneratorTest.SAMPLE.toString(), "--out", "-");
        assertThat(run.status()).isZero();
        assertThat(run.out().lines().filter(line -> line.startsWith("{\"command\":\"submit\"")).count()).isEqualTo(50);
        assertThat(run.err()).contains("generated 50 cases");
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(cli("run").status()).isEqualTo(2);
        assertThat(cli("run", "/no/such/file").err()).contains("no file /no/such/file");
        assertThat(cli("generate", "--cases", "0", "--from", "2025-01-01", "--to", "2025-01-31", "--out", "x").status()).isEqualTo(2);
        assertThat(cli("generate", "--from", "2025-02-01", "--to", "2025-01-31", "--out", "x").err()).contains("before");
        assertThat(cli("upload", "x").status()).isEqualTo(2);
        assertThat(cli("--help").out()).contains("import.sh generate").contains("import.sh run");
    }
}
