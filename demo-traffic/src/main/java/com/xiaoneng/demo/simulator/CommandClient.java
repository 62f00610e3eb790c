package com.xiaoneng.demo.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The command side's HTTP API as the simulator uses it; safe to share between threads. */
final class CommandClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int ATTEMPTS = 6;

    /** An answer; {@code status} 0 when none came after all retries. */
    record Reply(int status, JsonNode body, boolean replayed) {
        String rule() {
            return body == null ? "http-" + status : body.path("rule").asText("http-" + status);
        }
    }

    private final URI base;
    private final String agencyAuth;
    private final String adminAuth;
    private final HttpClient http;

    CommandClient(URI base, String user, String password, String adminUser, String adminPassword) {
        this.base = base;
        this.agencyAuth = basic(user, password);
        this.adminAuth = basic(adminUser, adminPassword);
        // HTTP/1.1: one connection per concurrent request, which is what bounds the load on the server
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    List<CatalogItem> catalog() {
        Reply reply = send(request("/api/catalog/items", agencyAuth).GET().build());
        if (reply.status() == 0) {
            throw new IllegalStateException("no answer from " + base + " (is the command side running? COMMAND_URL or --url)");
        }
        if (reply.status() != 200) {
            throw new IllegalStateException("GET " + base + "/api/catalog/items answered " + reply.status()
                    + (reply.body() == null ? "" : ": " + reply.body()));
        }
        return List.of(JSON.convertValue(reply.body(), CatalogItem[].class));
    }

    /** PUT of a catalog item with the admin credentials; the status. */
    int putItem(CatalogItem item) {
        return send(request("/api/catalog/items/" + item.code(), adminAuth)
                .PUT(HttpRequest.BodyPublishers.ofString(json(item.guideInput()), StandardCharsets.UTF_8)).build()).status();
    }

    Reply post(String path, String idempotencyKey, Map<String, Object> body) {
        return send(request(path, agencyAuth).header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)).build());
    }

    /**
     * Retries what may pass on a second try: no answer, a 5xx, or the same key still running (a retry after a
     * timeout); the Idempotency-Key makes each retry safe.
     */
    private Reply send(HttpRequest request) {
        long backoffMillis = 200;
        for (int attempt = 1; ; attempt++) {
            Reply reply;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                JsonNode body = response.body().isBlank() ? null : parse(response.body());
                reply = new Reply(response.statusCode(), body,
                        response.headers().firstValue("Idempotent-Replayed").isPresent());
            } catch (IOException e) {
                reply = new Reply(0, null, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(0, null, false);
            }
            boolean transientFailure = reply.status() == 0 || reply.status() >= 500
                    || reply.status() == 409 && "idempotency.in-progress".equals(reply.rule());
            if (!transientFailure || attempt == ATTEMPTS) {
                return reply;
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
            backoffMillis *= 2;
        }
    }

    private HttpRequest.Builder request(String path, String auth) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", auth);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // an HTML error page from a proxy, say: keep the status, drop the body
            return null;
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
