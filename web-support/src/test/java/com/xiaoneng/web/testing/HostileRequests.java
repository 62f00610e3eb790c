package com.xiaoneng.web.testing;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Both apps' hostile-input suites (issue 10): sends generated requests to a running app and judges each
 * answer by the same rules: a 4xx, JSON with a rule, within 2 s, no Java or SQL text.
 */
public final class HostileRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Non-ASCII as \\u escapes: the only way to send a lone surrogate, and it keeps failure reports readable. */
    private static final ObjectWriter ESCAPING = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] LEAKS = {"Exception", "java.", "org.", "SELECT", "INSERT", "at com.", "PSQL",
            "SQL state", "ClickHouse", "DB::"};
    public static final long MAX_MILLIS = 2_000;

    private HostileRequests() {
    }

    /** One request; {@code user} signs in with the local password {@code <user>-pass}, null sends no credentials. */
    public record Hostile(String name, String method, String path, String contentType, byte[] body, String user) {
        public static Hostile get(String name, String path, String user) {
            return new Hostile(name, "GET", path, null, null, user);
        }
    }

    /** Where the refusal is in an answer: the body itself, or (the import) one rejection inside a 200 report. */
    @FunctionalInterface
    public interface Refusal {
        /** The refusal to judge; a problem with the answer as a whole is thrown as an {@link IllegalStateException}. */
        JsonNode find(Hostile request, int status, JsonNode body);
    }

    public static final Refusal WHOLE_BODY = (request, status, body) -> body;

    /**
     * Sends every request and returns what was wrong with the answers (empty when all were right), ASCII-escaped
     * since a failure may quote a NUL; they are also written to {@code target/<report>}.
     */
    public static List<String> failures(int port, List<Hostile> requests, Refusal refusal, String report) throws IOException {
        List<String> failures = new ArrayList<>();
        for (Hostile request : requests) {
            long started = System.nanoTime();
            HttpResponse<String> response = send(port, request);
            long millis = (System.nanoTime() - started) / 1_000_000;
            String problem = judge(request, response, millis, refusal);
            if (problem != null) {
                failures.add(new String(bytes(JsonNodeFactory.instance.textNode(request.name() + ": " + problem)),
                        StandardCharsets.US_ASCII));
            }
        }
        Files.write(Path.of("target", report), failures);
        return failures;
    }

    private static String judge(Hostile request, HttpResponse<String> response, long millis, Refusal refusal) {
        if (millis > MAX_MILLIS) {
            return "took " + millis + " ms";
        }
        String text = response.body();
        String sent = sent(request);
        for (String leak : LEAKS) {
            // a word the client sent itself and the answer quotes back is no leak
            if (text.contains(leak) && !sent.contains(leak)) {
                return "the answer leaks '" + leak + "': " + abbreviate(text);
            }
        }
        if (response.statusCode() >= 500 || response.statusCode() < 400 && response.statusCode() != 200) {
            return "answered " + response.statusCode() + ": " + abbreviate(text);
        }
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (IOException e) {
            return "answer " + response.statusCode() + " is not JSON: " + abbreviate(text);
        }
        try {
            body = refusal.find(request, response.statusCode(), body);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        int status = body.path("status").asInt(response.statusCode());
        if (status < 400 || status >= 500) {
            return "answered " + response.statusCode() + " (" + status + "): " + abbreviate(text);
        }
        if (body.path("rule").asText().isBlank()) {
            return "no rule in " + abbreviate(text);
        }
        return null;
    }

    private static String sent(Hostile request) {
        String path;
        try {
            path = URLDecoder.decode(request.path().replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            path = request.path();
        }
        return path + (request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> send(int port, Hostile request) {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.user() != null) {
            http.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (request.user() + ":" + request.user() + "-pass").getBytes(StandardCharsets.UTF_8)));
        }
        if (request.contentType() != null) {
            http.header("Content-Type", request.contentType());
        }
        try {
            return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body as escaped JSON bytes, so that lone surrogates and control characters survive the trip. */
    public static byte[] bytes(JsonNode body) {
        try {
            return ESCAPING.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String abbreviate(JsonNode value) {
        String text = new String(bytes(value), StandardCharsets.US_ASCII);
        return text.length() <= 60 ? text : text.substring(0, 60) + "…(" + text.length() + ")";
    }

    private static String abbreviate(String text) {
        return abbreviate(JsonNodeFactory.instance.textNode(text));
    }
}
