package com.xiaoneng.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** Real HTTP to a running command side as one of the local users (password "{user}-pass"), keyed or not. */
final class KeyedHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ITEM = "T-IDEM-1";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    KeyedHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, JsonNode body, HttpHeaders headers, String raw) {
        boolean replayed() {
            return headers.firstValue(IdempotencyFilter.REPLAYED).isPresent();
        }

        String caseId() {
            return body.get("caseId").asText();
        }
    }

    Reply post(String user, String path, String body, String key) throws IOException, InterruptedException {
        return post(user, path, body, key, Map.of());
    }

    Reply post(String user, String path, String body, String key, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(user, path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header(IdempotencyFilter.HEADER, key);
        }
        headers.forEach(request::header);
        return send(request);
    }

    Reply put(String user, String path, String body) throws IOException, InterruptedException {
        return send(request(user, path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply get(String user, String path) throws IOException, InterruptedException {
        return send(request(user, path).GET());
    }

    /** Puts {@link #ITEM} in the catalog (a local item any agency may take). */
    void putItem() throws IOException, InterruptedException {
        Reply reply = put("admin", "/api/catalog/items/" + ITEM, """
                {"name":"居民身份证换领","type":"LICENSE","legalBasis":"《中华人民共和国行政许可法》","agencyCode":"650100-GA",
                 "agencyName":"乌鲁木齐市公安局","regionCode":"650100","statutoryLimitDays":20,"promisedLimitDays":3,
                 "crossRegionScope":"WITHIN_REGION","feeYuan":0}""");
        if (reply.status() != 200 && reply.status() != 201) {
            throw new IllegalStateException("catalog item not stored: " + reply.raw());
        }
    }

    /** A submit without caseId (the server picks one), told apart by its applicant id. */
    static String submit(String applicantId, String region) {
        return """
                {"itemCode":"%s","applicant":{"type":"PERSON","id":"%s"},"channel":"ONLINE",
                 "acceptingRegion":"%s","handlingRegion":"%s","submittedAt":"2025-03-03T10:00:00+08:00"}"""
                .formatted(ITEM, applicantId, region, region);
    }

    private HttpRequest.Builder request(String user, String path) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + credentials);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json, response.headers(), response.body());
    }
}
