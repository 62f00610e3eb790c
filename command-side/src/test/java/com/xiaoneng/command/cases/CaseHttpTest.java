package com.xiaoneng.command.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.command.CommandSideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case API over real HTTP on the embedded PostgreSQL: the happy path, every error, the
 * Idempotency-Key, and a restart of the application that reads the same state and histories back.
 */
class CaseHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ITEM = "T-LOCAL-1";
    static final String WITHIN_ITEM = "T-WITHIN-1";
    static final String BAD_ITEM = "T-NONE-2";

    static Path dataDir;
    static int pgPort;
    static ConfigurableApplicationContext app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("command-side-test");
        pgPort = freePort();
        app = startApp();
        put("/api/catalog/items/" + ITEM, item("居民身份证换领", "NONE", 20, 3));
        put("/api/catalog/items/" + WITHIN_ITEM, item("个体工商户设立登记", "WITHIN_REGION", 15, 5));
        put("/api/catalog/items/" + BAD_ITEM, item("户口迁移", "NONE", 10, 0));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static ConfigurableApplicationContext startApp() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--xiaoneng.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--xiaoneng.embedded-postgres.port=" + pgPort,
                "--xiaoneng.catalog.seed-sample=false",
                // automatic ratings are covered by ServiceCaseTest; here they would race the explicit ones
                "--xiaoneng.rules.default-rating-days=0",
                // history recorded late: a passed correction deadline fires at once
                "--xiaoneng.rules.late-fact-grace=0s");
        base = "http://127.0.0.1:" + context.getBean(Environment.class).getProperty("local.server.port");
        return context;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String item(String name, String scope, int statutory, int promised) {
        return """
                {"name":"%s","type":"LICENSE","legalBasis":"《中华人民共和国行政许可法》","agencyCode":"650100-GA",
                 "agencyName":"乌鲁木齐市公安局","regionCode":"650100","statutoryLimitDays":%d,"promisedLimitDays":%d,
                 "crossRegionScope":"%s","feeYuan":0}""".formatted(name, statutory, promised, scope);
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user + "-pass").getBytes());
    }

    static Reply send(String method, String path, String body, String idempotencyKey) throws Exception {
        return send(method, path, body, idempotencyKey, path.startsWith("/api/catalog") ? "admin" : "agency");
    }

    static Reply send(String method, String path, String body, String idempotencyKey, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json, response);
    }

    static Reply post(String path, String body) throws Exception {
        return send("POST", path, body, null);
    }

    static Reply put(String path, String body) throws Exception {
        Reply reply = send("PUT", path, body, null);
        assertThat(reply.status()).as(reply.raw().body()).isIn(200, 201);
        return reply;
    }

    static Reply get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    static String submit(String item, String accepting, String handling, String submittedAt) throws Exception {
        Reply reply = post("/api/cases", """
                {"itemCode":"%s","applicant":{"type":"PERSON","id":"650102199001011234"},"channel":"HALL",
                 "acceptingRegion":"%s","handlingRegion":"%s","submittedAt":"%s"}""".formatted(item, accepting, handling, submittedAt));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.body().get("caseId").asText();
    }

    static void assertError(Reply reply, int status, String key, String value) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.body().get(key).asText()).as(reply.raw().body()).isEqualTo(value);
        assertThat(reply.body().get("message").asText()).isNotBlank();
    }

    static int eventCount(String caseId) throws Exception {
        return get("/api/cases/" + caseId + "/events").body().size();
    }

    @Test
    void aCaseLifeOverHttp() throws Exception {
        String id = submit(ITEM, "650102", "650102", "2025-01-24T10:00:00+08:00");
        Reply accepted = post("/api/cases/" + id + "/accept", "{\"at\":\"2025-01-24T11:00:00+08:00\"}");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().get("dueAt").asText()).isEqualTo("2025-02-05T16:00:00Z");
        Reply extended = post("/api/cases/" + id + "/extend", "{\"at\":\"2025-02-05T09:00:00+08:00\",\"days\":3,\"reason\":\"需要现场核查\"}");
        assertThat(extended.body().get("dueAt").asText()).isEqualTo("2025-02-08T16:00:00Z");
        Reply completed = post("/api/cases/" + id + "/complete", "{\"at\":\"2025-02-08T17:00:00+08:00\",\"outcome\":\"APPROVED\"}");
        assertThat(completed.body().get("onTime").asBoolean()).isTrue();
        assertThat(post("/api/cases/" + id + "/rate", "{\"at\":\"2025-02-09T10:00:00+08:00\",\"score\":2,\"comment\":\"排队久\"}").status())
                .isEqualTo(200);
        Reply rectified = post("/api/cases/" + id + "/rectify-rating", "{\"at\":\"2025-02-12T10:00:00+08:00\",\"measures\":\"增设窗口\"}");
        assertThat(rectified.body().get("onTime").asBoolean()).isTrue();

        JsonNode state = get("/api/cases/" + id).body();
        assertThat(state.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(state.get("itemVersion").asInt()).isEqualTo(1);
        assertThat(state.get("onTime").asBoolean()).isTrue();
        assertThat(state.get("crossRegionMode").asText()).isEqualTo("LOCAL");
        assertThat(state.get("rating").get("score").asInt()).isEqualTo(2);
        JsonNode events = get("/api/cases/" + id + "/events").body();
        assertThat(events).hasSize(6);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence").asInt()).isEqualTo(i);
            assertThat(events.get(i).get("schemaVersion").asInt()).isEqualTo(2);
        }
        assertThat(events.get(0).get("type").asText()).isEqualTo("CaseSubmitted");
        assertThat(events.get(5).get("type").asText()).isEqualTo("BadRatingRectified");
    }

    @Test
    void invalidInputIs400NamingTheFieldAndStoresNothing() throws Exception {
        String base = """
                {"itemCode":"%s","applicant":{"type":"PERSON","id":"x"},"channel":"%s",
                 "acceptingRegion":"%s","handlingRegion":"650102","submittedAt":"%s"}""";
        assertError(post("/api/cases", base.formatted("NOPE", "HALL", "650102", "2025-01-24T10:00:00+08:00")), 400, "field", "itemCode");
        assertError(post("/api/cases", base.formatted(ITEM, "HALL", "6501", "2025-01-24T10:00:00+08:00")), 400, "field", "acceptingRegion");
        assertError(post("/api/cases", base.formatted(ITEM, "FAX", "650102", "2025-01-24T10:00:00+08:00")), 400, "field", "channel");
        assertError(post("/api/cases", base.formatted(ITEM, "HALL", "650102", "yesterday")), 400, "field", "submittedAt");
        String future = Instant.now().plus(10, ChronoUnit.MINUTES).toString();
        assertError(post("/api/cases", base.formatted(ITEM, "HALL", "650102", future)), 400, "field", "submittedAt");
        assertError(post("/api/cases", "{not json"), 400, "rule", "body.unreadable");

        String id = submit(ITEM, "650102", "650102", "2025-03-03T10:00:00+08:00");
        assertError(post("/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T09:00:00+08:00\"}"), 400, "rule", "at.before-previous-event");
        assertError(post("/api/cases/" + id + "/accept", "{\"at\":\"" + future + "\"}"), 400, "rule", "at.in-future");
        assertError(post("/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\",\"deficiency\":{\"missing\":[\"x\"],\"correctionDays\":0}}"),
                400, "field", "deficiency.correctionDays");
        assertThat(post("/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\"}").status()).isEqualTo(200);
        assertError(post("/api/cases/" + id + "/extend", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"days\":0,\"reason\":\"x\"}"), 400, "field", "days");
        assertError(post("/api/cases/" + id + "/extend", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"days\":2}"), 400, "field", "reason");
        assertError(post("/api/cases/" + id + "/suspend", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"reason\":\"x\"}"), 400, "field", "procedure");
        assertError(post("/api/cases/" + id + "/complete", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"outcome\":\"DENIED\"}"), 400, "field", "reason");
        assertError(post("/api/cases/" + id + "/complete", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"outcome\":\"MAYBE\"}"), 400, "field", "outcome");
        assertThat(post("/api/cases/" + id + "/complete", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"outcome\":\"APPROVED\"}").status()).isEqualTo(200);
        assertError(post("/api/cases/" + id + "/rate", "{\"at\":\"2025-03-03T13:00:00+08:00\",\"score\":6}"), 400, "field", "score");
        assertError(post("/api/cases/" + id + "/rate", "{\"at\":\"2025-03-03T13:00:00+08:00\"}"), 400, "field", "score");
        assertThat(eventCount(id)).isEqualTo(3);
    }

    @Test
    void illegalTransitionsAre409NamingTheRule() throws Exception {
        String id = submit(ITEM, "650102", "650102", "2025-03-03T10:00:00+08:00");
        assertError(post("/api/cases/" + id + "/complete", "{\"at\":\"2025-03-03T11:00:00+08:00\",\"outcome\":\"APPROVED\"}"),
                409, "rule", "case.not-accepted-yet");
        assertError(post("/api/cases/" + id + "/resume", "{\"at\":\"2025-03-03T11:00:00+08:00\"}"), 409, "rule", "case.not-suspended");
        post("/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\"}");
        assertError(post("/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\"}"), 409, "rule", "case.already-accepted");
        assertError(post("/api/cases/" + id + "/rate", "{\"at\":\"2025-03-03T11:00:00+08:00\",\"score\":5}"), 409, "rule", "rating.case-not-finished");
        post("/api/cases/" + id + "/complete", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"outcome\":\"APPROVED\"}");
        assertError(post("/api/cases/" + id + "/extend", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"days\":2,\"reason\":\"x\"}"), 409, "rule", "case.completed");
        post("/api/cases/" + id + "/rate", "{\"at\":\"2025-03-03T13:00:00+08:00\",\"score\":5}");
        assertError(post("/api/cases/" + id + "/rate", "{\"at\":\"2025-03-03T13:00:00+08:00\",\"score\":4}"), 409, "rule", "rating.already-given");
        assertError(post("/api/cases/" + id + "/rectify-rating", "{\"at\":\"2025-03-03T14:00:00+08:00\",\"measures\":\"x\"}"), 409, "rule", "rating.not-bad");
        assertThat(eventCount(id)).isEqualTo(4);

        assertError(post("/api/cases", """
                {"caseId":"%s","itemCode":"%s","applicant":{"type":"PERSON","id":"x"},"channel":"HALL",
                 "acceptingRegion":"650102","handlingRegion":"650102","submittedAt":"2025-03-03T10:00:00+08:00"}"""
                .formatted(id, ITEM)), 409, "rule", "case.exists");
        assertError(post("/api/cases", """
                {"itemCode":"%s","applicant":{"type":"PERSON","id":"x"},"channel":"HALL",
                 "acceptingRegion":"653101","handlingRegion":"650102","submittedAt":"2025-03-03T10:00:00+08:00"}"""
                .formatted(BAD_ITEM)), 409, "rule", "cross-region.not-allowed");
        assertThat(submit(WITHIN_ITEM, "653101", "650102", "2025-03-03T10:00:00+08:00")).isNotBlank();
    }

    @Test
    void aCorrectionMadeInTimeButRecordedLateReversesTheAutomaticRevocation() throws Exception {
        String id = submit(ITEM, "650102", "650102", "2025-03-03T10:00:00+08:00");
        assertThat(post("/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\","
                + "\"deficiency\":{\"missing\":[\"户口簿\"],\"correctionDays\":1}}").status()).isEqualTo(200);
        // the deadline (2025-03-04 24:00 Beijing) passed long ago: the scheduler revokes at once
        JsonNode revoked = awaitEvents(id, 3).get(2);
        assertThat(revoked.get("type").asText()).isEqualTo("AcceptanceRevoked");
        assertThat(revoked.get("data").get("automatic").asBoolean()).isTrue();
        assertThat(revoked.get("occurredAt").asText()).isEqualTo("2025-03-04T16:00:00Z");

        assertError(post("/api/cases/" + id + "/correct", "{\"at\":\"2025-03-05T09:00:00+08:00\",\"items\":[\"户口簿\"]}"),
                409, "rule", "correction.deadline-passed");
        Reply corrected = post("/api/cases/" + id + "/correct", "{\"at\":\"2025-03-04T17:00:00+08:00\",\"items\":[\"户口簿\"]}");
        assertThat(corrected.status()).as(corrected.raw().body()).isEqualTo(200);
        JsonNode state = get("/api/cases/" + id).body();
        assertThat(state.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(state.get("dueAt").asText()).isEqualTo("2025-03-06T16:00:00Z");
        assertThat(state.get("reinstatedAt").asText()).isEqualTo("2025-03-04T09:00:00Z");
        assertThat(state.get("correctionDueAt").isNull()).isTrue();
        JsonNode events = get("/api/cases/" + id + "/events").body();
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("CaseSubmitted", "CaseAccepted",
                "AcceptanceRevoked", "AcceptanceReinstated", "CaseCorrected");
        assertThat(events.get(3).get("data").get("revokedAt").asText()).isEqualTo("2025-03-04T16:00:00Z");
        assertThat(events.get(3).get("data").get("dueAt").asText()).isEqualTo("2025-03-06T16:00:00Z");
        assertThat(post("/api/cases/" + id + "/complete", "{\"at\":\"2025-03-05T12:00:00+08:00\",\"outcome\":\"APPROVED\"}")
                .body().get("onTime").asBoolean()).isTrue();

        // a manual revocation stays
        String manual = submit(ITEM, "650102", "650102", "2025-03-03T10:00:00+08:00");
        post("/api/cases/" + manual + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\",\"deficiency\":{\"missing\":[\"户口簿\"],\"correctionDays\":1}}");
        assertThat(post("/api/cases/" + manual + "/revoke-acceptance", "{\"at\":\"2025-03-03T12:00:00+08:00\",\"reason\":\"申请人撤回\"}")
                .status()).isEqualTo(200);
        assertError(post("/api/cases/" + manual + "/correct", "{\"at\":\"2025-03-03T13:00:00+08:00\",\"items\":[\"户口簿\"]}"),
                409, "rule", "case.revoked");
        assertThat(eventCount(manual)).isEqualTo(3);
    }

    /** Waits for the scheduler to store the case's automatic step. */
    static JsonNode awaitEvents(String caseId, int count) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode events = get("/api/cases/" + caseId + "/events").body();
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            events = get("/api/cases/" + caseId + "/events").body();
        }
        assertThat(events).as("events of " + caseId).hasSize(count);
        return events;
    }

    @Test
    void unknownCaseIs404() throws Exception {
        assertError(get("/api/cases/no-such-case"), 404, "rule", "case.unknown");
        assertError(get("/api/cases/no-such-case/events"), 404, "rule", "case.unknown");
        assertError(post("/api/cases/no-such-case/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\"}"), 404, "rule", "case.unknown");
    }

    @Test
    void wrongMethodMediaTypeAndPathAreJsonErrors() throws Exception {
        assertError(send("PUT", "/api/cases/x/accept", "{}", null), 405, "rule", "http.method");
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/cases"))
                .header("Content-Type", "text/plain").header("Authorization", basic("agency")).POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(plain.body()).get("rule").asText()).isEqualTo("http.media-type");
        assertError(send("GET", "/api/nothing-here", null, null, "admin"), 404, "rule", "http.not-found");
    }

    @Test
    void rolesAndRegionScope() throws Exception {
        String id = submit(ITEM, "650102", "650102", "2025-03-03T10:00:00+08:00");
        String accept = "{\"at\":\"2025-03-03T11:00:00+08:00\"}";
        assertError(send("POST", "/api/cases/" + id + "/accept", accept, null, null), 401, "rule", "auth.required");
        assertError(send("POST", "/api/cases/" + id + "/accept", accept, null, "leader"), 403, "rule", "auth.role");
        assertError(send("POST", "/api/cases/" + id + "/accept", accept, null, "agency-kashgar"), 403, "rule", "auth.region");
        assertError(send("GET", "/api/cases/" + id + "/events", null, null, "agency-kashgar"), 403, "rule", "auth.region");
        assertError(send("PUT", "/api/catalog/items/" + ITEM, item("x", "NONE", 1, 1), null, "agency"), 403, "rule", "auth.role");
        assertError(send("POST", "/api/admin/publisher/replay", "{}", null, "agency"), 403, "rule", "auth.role");
        String kashgarCase = """
                {"itemCode":"%s","applicant":{"type":"PERSON","id":"x"},"channel":"HALL",
                 "acceptingRegion":"653101","handlingRegion":"%s","submittedAt":"2025-03-03T10:00:00+08:00"}""";
        assertError(send("POST", "/api/cases", kashgarCase.formatted(ITEM, "650102"), null, "agency-kashgar"), 403, "rule", "auth.region");
        assertThat(send("POST", "/api/cases", kashgarCase.formatted(WITHIN_ITEM, "653101"), null, "agency-kashgar").status()).isEqualTo(201);
        assertThat(send("GET", "/api/catalog/items/" + ITEM, null, null, "leader").status()).isEqualTo(200);
        assertThat(send("POST", "/api/cases/" + id + "/accept", accept, null, "admin").status()).isEqualTo(200);
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void idempotencyKeyReturnsTheFirstResultAndStoresNothingNew() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = """
                {"itemCode":"%s","applicant":{"type":"PERSON","id":"x"},"channel":"ONLINE",
                 "acceptingRegion":"650102","handlingRegion":"650102","submittedAt":"2025-03-03T10:00:00+08:00"}""".formatted(ITEM);
        Reply first = send("POST", "/api/cases", body, key);
        Reply again = send("POST", "/api/cases", body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String id = first.body().get("caseId").asText();

        String acceptKey = UUID.randomUUID().toString();
        Reply accepted = send("POST", "/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\"}", acceptKey);
        Reply acceptedAgain = send("POST", "/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\"}", acceptKey);
        assertThat(acceptedAgain.status()).isEqualTo(200);
        assertThat(acceptedAgain.body()).isEqualTo(accepted.body());
        assertThat(eventCount(id)).isEqualTo(2);

        assertError(send("POST", "/api/cases/" + id + "/accept", "{\"at\":\"2025-03-03T12:00:00+08:00\"}", acceptKey),
                409, "rule", "idempotency.key-reused");
    }

    @Test
    void stateHistoriesAndDeadlinesSurviveARestart() throws Exception {
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = submit(ITEM, "650102", "650102", start.toString());
        Reply accepted = post("/api/cases/" + id + "/accept", "{\"at\":\"" + start.plusSeconds(60)
                + "\",\"deficiency\":{\"missing\":[\"户口簿\"],\"correctionDays\":2}}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        post("/api/cases/" + id + "/suspend", "{\"at\":\"" + start.plusSeconds(120) + "\",\"procedure\":\"专家评审\",\"reason\":\"论证\"}");
        String stateBefore = get("/api/cases/" + id).raw().body();
        String eventsBefore = get("/api/cases/" + id + "/events").raw().body();
        assertThat(scheduledDeadlines(id)).isEqualTo(1);

        app.close();
        app = startApp();

        assertThat(get("/api/cases/" + id).raw().body()).isEqualTo(stateBefore);
        assertThat(get("/api/cases/" + id + "/events").raw().body()).isEqualTo(eventsBefore);
        assertThat(scheduledDeadlines(id)).isEqualTo(1);
        Reply resumed = post("/api/cases/" + id + "/resume", "{\"at\":\"" + start.plusSeconds(180) + "\"}");
        assertThat(resumed.status()).as(resumed.raw().body()).isEqualTo(200);
        assertThat(eventCount(id)).isEqualTo(4);
    }

    @Test
    void payloadColumnsAreByteaAndTheGlobalIndexStepsByOne() {
        var jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var types = jdbc.sql("SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
                        + " WHERE column_name IN ('payload', 'meta_data', 'token', 'task_data')")
                .query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getString(2))).list();
        assertThat(types).extracting(java.util.Map.Entry::getKey).contains("domain_event_entry.payload",
                "domain_event_entry.meta_data", "snapshot_event_entry.payload", "token_entry.token");
        assertThat(types).extracting(java.util.Map.Entry::getValue).containsOnly("bytea");
        assertThat(jdbc.sql("SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_global_index_seq'")
                .query(Long.class).single()).isEqualTo(1L);
    }

    /** Deadlines of the case waiting in db-scheduler's table, which is what survives a restart. */
    static int scheduledDeadlines(String caseId) {
        return app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0")
                .param(caseId).query(Integer.class).single();
    }
}
