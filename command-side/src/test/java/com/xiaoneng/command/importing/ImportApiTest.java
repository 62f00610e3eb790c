package com.xiaoneng.command.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.command.support.CommandSideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * POST /api/import on the whole application (embedded PostgreSQL, db-scheduler): bad lines in the middle, a
 * re-run, automatic steps decided after the lines (and yielding to facts a later import brings), region
 * scope, and the recovery of an import that died before deciding. Batches of 4 lines, so cases span batches.
 */
@CommandSideTest(properties = {"xiaoneng.import.batch-size=4", "xiaoneng.rules.late-fact-grace=0s"})
class ImportApiTest {
    static final String ITEM = "IMP-LOCAL-1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseImport caseImport;

    String prefix;

    @BeforeEach
    void item() throws Exception {
        prefix = "I" + UUID.randomUUID().toString().substring(0, 8) + "-";
        mvc.perform(put("/api/catalog/items/" + ITEM).contentType("application/json").content("""
                {"name":"居民身份证换领","type":"CONFIRMATION","legalBasis":"《中华人民共和国居民身份证法》",
                 "agencyCode":"650100-GA","agencyName":"乌鲁木齐市公安局","regionCode":"650100",
                 "statutoryLimitDays":20,"promisedLimitDays":3,"crossRegionScope":"NONE","feeYuan":0}"""));
    }

    String id(String name) {
        return prefix + name;
    }

    String submit(String name, String region, String at) {
        return """
                {"command":"submit","caseId":"%s","itemCode":"%s","applicant":{"type":"PERSON","id":"650102199001011234"},\
                "channel":"HALL","acceptingRegion":"%s","handlingRegion":"%s","submittedAt":"%s"}"""
                .formatted(id(name), ITEM, region, region, at);
    }

    String step(String command, String name, String fields) {
        return "{\"command\":\"" + command + "\",\"caseId\":\"" + id(name) + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    JsonNode importLines(List<String> lines) throws Exception {
        return importLines(lines, "admin");
    }

    JsonNode importLines(List<String> lines, String user) throws Exception {
        MvcResult result = mvc.perform(post("/api/import").contentType("application/x-ndjson")
                        .with(as(user))
                        .content(String.join("\n", lines) + "\n"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    /** Signs in as {@code user} instead of the admin of {@link com.xiaoneng.command.support.SignedInAsAdmin}. */
    static RequestPostProcessor as(String user) {
        return request -> {
            request.removeHeader("Authorization");
            return httpBasic(user, user + "-pass").postProcessRequest(request);
        };
    }

    JsonNode events(String name) throws Exception {
        return JSON.readTree(mvc.perform(get("/api/cases/" + id(name) + "/events")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    JsonNode state(String name) throws Exception {
        return JSON.readTree(mvc.perform(get("/api/cases/" + id(name))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    List<String> types(String name) throws Exception {
        List<String> types = new ArrayList<>();
        events(name).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    /** Waits for the scheduler to store a case's automatic step. */
    List<String> awaitTypes(String name, int count) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (types(name).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return types(name);
    }

    int scheduledDeadlines(String name) {
        return jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0")
                .param(id(name)).query(Integer.class).single();
    }

    static void assertRejection(JsonNode rejection, long line, String ruleOrField, int status) {
        assertThat(rejection.get("line").asLong()).as(rejection.toString()).isEqualTo(line);
        assertThat(rejection.get("status").asInt()).as(rejection.toString()).isEqualTo(status);
        assertThat(List.of(rejection.path("rule").asText(), rejection.path("field").asText())).as(rejection.toString())
                .contains(ruleOrField);
        assertThat(rejection.get("message").asText()).isNotBlank();
    }

    List<String> fileWithBadLines() {
        return List.of(
                submit("A", "650102", "2025-03-03T10:00:00+08:00"),                      // 1
                step("accept", "A", "\"at\":\"2025-03-03T11:00:00+08:00\""),             // 2
                "{not json",                                                              // 3
                step("approve", "A", "\"at\":\"2025-03-03T11:00:00+08:00\""),            // 4
                step("accept", "A", "\"at\":\"2025-03-03T12:00:00+08:00\""),             // 5 already accepted
                submit("B", "6501", "2025-03-03T10:00:00+08:00"),                         // 6 bad region
                "",                                                                       // 7 blank
                step("complete", "A", "\"at\":\"2025-03-05T10:00:00+08:00\",\"outcome\":\"APPROVED\""), // 8
                step("rate", "A", "\"at\":\"2025-03-05T11:00:00+08:00\",\"score\":\"five\""),          // 9 bad score
                step("suspend", "B", "\"at\":\"2025-03-04T10:00:00+08:00\",\"procedure\":\"检验\",\"reason\":\"x\""), // 10 unknown case
                step("rate", "A", "\"at\":\"2025-03-05T11:00:00+08:00\",\"score\":5"),   // 11
                "{\"command\":\"accept\",\"at\":\"2025-03-05T11:00:00+08:00\"}",          // 12 no caseId
                "[1,2]");                                                                 // 13 not an object
    }

    @Test
    void badLinesInTheMiddleAreReportedAndTheRestIsApplied() throws Exception {
        JsonNode report = importLines(fileWithBadLines());
        assertThat(report.get("lines").asLong()).isEqualTo(12);
        assertThat(report.get("applied").asLong()).isEqualTo(4);
        assertThat(report.get("duplicates").asLong()).isZero();
        assertThat(report.get("rejected").asLong()).isEqualTo(8);
        JsonNode rejections = report.get("rejections");
        assertRejection(rejections.get(0), 3, "line.unreadable", 400);
        assertRejection(rejections.get(1), 4, "import.command-unknown", 400);
        assertThat(rejections.get(1).get("field").asText()).isEqualTo("command");
        assertRejection(rejections.get(2), 5, "case.already-accepted", 409);
        assertThat(rejections.get(2).get("caseId").asText()).isEqualTo(id("A"));
        assertRejection(rejections.get(3), 6, "acceptingRegion", 400);
        assertRejection(rejections.get(4), 9, "score", 400);
        assertRejection(rejections.get(5), 10, "case.unknown", 404);
        assertRejection(rejections.get(6), 12, "caseId", 400);
        assertRejection(rejections.get(7), 13, "line.not-object", 400);
        assertThat(report.get("automaticSteps").asLong()).isZero();

        assertThat(types("A")).containsExactly("CaseSubmitted", "CaseAccepted", "CaseCompleted", "CaseRated");
        assertThat(state("A").get("rating").get("score").asInt()).isEqualTo(5);
        assertThat(scheduledDeadlines("A")).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM import_pending_case").query(Long.class).single()).isZero();
        assertThat(mvc.perform(get("/api/cases/" + id("B"))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aSecondRunStoresNothingNew() throws Exception {
        List<String> lines = new ArrayList<>(fileWithBadLines());
        lines.add("{\"key\":\"" + id("k1") + "\"," + submit("K", "650102", "2025-03-03T10:00:00+08:00").substring(1));
        JsonNode first = importLines(lines);
        long events = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        JsonNode second = importLines(lines);
        assertThat(second.get("lines").asLong()).isEqualTo(first.get("lines").asLong());
        assertThat(second.get("applied").asLong()).isZero();
        assertThat(second.get("duplicates").asLong()).isEqualTo(first.get("applied").asLong()).isEqualTo(5);
        assertThat(second.get("rejected").asLong()).isEqualTo(first.get("rejected").asLong());
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single()).isEqualTo(events);

        // the same key on another line is refused; a reformatted copy of a line is the same line
        JsonNode reused = importLines(List.of(
                "{\"key\":\"" + id("k1") + "\"," + step("accept", "K", "\"at\":\"2025-03-03T11:00:00+08:00\"").substring(1),
                "{\"caseId\": \"" + id("A") + "\", \"command\": \"accept\",  \"at\":\"2025-03-03T11:00:00+08:00\"}"));
        assertRejection(reused.get("rejections").get(0), 1, "idempotency.key-reused", 409);
        assertThat(reused.get("duplicates").asLong()).isEqualTo(1);
        assertThat(types("K")).containsExactly("CaseSubmitted");
    }

    @Test
    void automaticStepsAreDecidedAfterTheLinesAndYieldToFactsImportedLater() throws Exception {
        String deficiency = ",\"deficiency\":{\"missing\":[\"户口簿\"],\"correctionDays\":1}";
        JsonNode report = importLines(List.of(
                submit("D", "650102", "2025-03-03T10:00:00+08:00"),
                submit("E", "650102", "2025-03-03T10:00:00+08:00"),
                submit("F", "650102", "2025-03-03T10:00:00+08:00"),
                step("accept", "D", "\"at\":\"2025-03-03T11:00:00+08:00\"" + deficiency),
                step("accept", "E", "\"at\":\"2025-03-03T11:00:00+08:00\"" + deficiency),
                step("accept", "F", "\"at\":\"2025-03-03T11:00:00+08:00\""),
                step("correct", "D", "\"at\":\"2025-03-04T10:00:00+08:00\",\"items\":[\"户口簿\"]"),
                step("complete", "F", "\"at\":\"2025-03-05T10:00:00+08:00\",\"outcome\":\"APPROVED\""),
                step("complete", "D", "\"at\":\"2025-03-05T10:00:00+08:00\",\"outcome\":\"APPROVED\""),
                step("rate", "D", "\"at\":\"2025-03-06T10:00:00+08:00\",\"score\":5")));
        assertThat(report.get("applied").asLong()).isEqualTo(10);
        // E waits for its correction deadline, F for its default rating; D lacks nothing
        assertThat(report.get("automaticSteps").asLong()).isEqualTo(2);

        assertThat(awaitTypes("E", 3)).containsExactly("CaseSubmitted", "CaseAccepted", "AcceptanceRevoked");
        assertThat(events("E").get(2).get("data").get("automatic").asBoolean()).isTrue();
        assertThat(awaitTypes("F", 4)).containsExactly("CaseSubmitted", "CaseAccepted", "CaseCompleted", "CaseRated");
        JsonNode defaulted = events("F").get(3);
        assertThat(defaulted.get("data").get("defaulted").asBoolean()).isTrue();
        // 5 working days after Wednesday 2025-03-05
        assertThat(defaulted.get("occurredAt").asText()).isEqualTo("2025-03-12T16:00:00Z");
        assertThat(types("D")).containsExactly("CaseSubmitted", "CaseAccepted", "CaseCorrected", "CaseCompleted", "CaseRated");
        assertThat(scheduledDeadlines("D")).isZero();

        // facts of the deadline's window, recorded later, replace the automatic events
        JsonNode late = importLines(List.of(
                step("correct", "E", "\"at\":\"2025-03-04T12:00:00+08:00\",\"items\":[\"户口簿\"]"),
                step("rate", "F", "\"at\":\"2025-03-10T10:00:00+08:00\",\"score\":2,\"comment\":\"跑了三趟\""),
                step("rate", "F", "\"at\":\"2025-03-10T11:00:00+08:00\",\"score\":4")));
        assertThat(late.get("applied").asLong()).isEqualTo(2);
        assertRejection(late.get("rejections").get(0), 3, "rating.already-given", 409);
        assertThat(types("E")).containsExactly("CaseSubmitted", "CaseAccepted", "AcceptanceRevoked",
                "AcceptanceReinstated", "CaseCorrected");
        assertThat(state("E").get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(types("F")).containsExactly("CaseSubmitted", "CaseAccepted", "CaseCompleted", "CaseRated",
                "DefaultRatingSuperseded", "CaseRated");
        JsonNode rating = state("F").get("rating");
        assertThat(rating.get("score").asInt()).isEqualTo(2);
        assertThat(rating.get("defaulted").asBoolean()).isFalse();
        assertThat(rating.get("supersededDefaultAt").asText()).isEqualTo("2025-03-12T16:00:00Z");
        assertThat(late.get("automaticSteps").asLong()).isZero();
    }

    @Test
    void eachLineIsHeldToTheCallersRegion() throws Exception {
        importLines(List.of(submit("R", "650102", "2025-03-03T10:00:00+08:00")));
        JsonNode report = importLines(List.of(
                submit("S", "650102", "2025-03-03T10:00:00+08:00"),
                step("accept", "R", "\"at\":\"2025-03-03T11:00:00+08:00\""),
                submit("T", "653101", "2025-03-03T10:00:00+08:00")), "agency-kashgar");
        assertThat(report.get("applied").asLong()).isEqualTo(1);
        assertRejection(report.get("rejections").get(0), 1, "auth.region", 403);
        assertRejection(report.get("rejections").get(1), 2, "auth.region", 403);
        assertThat(types("R")).containsExactly("CaseSubmitted");
        assertThat(types("T")).containsExactly("CaseSubmitted");

        MvcResult leader = mvc.perform(post("/api/import").contentType("application/x-ndjson")
                .with(as("leader")).content(submit("U", "650102", "2025-03-03T10:00:00+08:00"))).andReturn();
        assertThat(leader.getResponse().getStatus()).isEqualTo(403);
        MvcResult json = mvc.perform(post("/api/import").contentType("application/json")
                .content(submit("U", "650102", "2025-03-03T10:00:00+08:00"))).andReturn();
        assertThat(json.getResponse().getStatus()).isEqualTo(415);
        assertThat(mvc.perform(get("/api/cases/" + id("U"))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aBatchThatFailsToCommitIsRedoneLineByLine() throws Exception {
        // another writer stores case W's first event between the import's check and its commit (played by a trigger)
        jdbc.sql("CREATE FUNCTION import_test_writer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.aggregate_identifier = '" + id("W") + "' THEN"
                + " RAISE EXCEPTION USING ERRCODE = 'unique_violation', MESSAGE = 'written meanwhile'; END IF;"
                + " RETURN NEW; END $$").update();
        jdbc.sql("CREATE TRIGGER import_test_writer BEFORE INSERT ON domain_event_entry FOR EACH ROW"
                + " EXECUTE FUNCTION import_test_writer()").update();
        JsonNode report;
        try {
            report = importLines(List.of(
                    submit("V", "650102", "2025-03-03T10:00:00+08:00"),
                    submit("W", "650102", "2025-03-03T10:00:00+08:00"),
                    step("accept", "V", "\"at\":\"2025-03-03T11:00:00+08:00\""),
                    step("accept", "W", "\"at\":\"2025-03-03T11:00:00+08:00\"")));
        } finally {
            jdbc.sql("DROP TRIGGER import_test_writer ON domain_event_entry").update();
            jdbc.sql("DROP FUNCTION import_test_writer()").update();
        }
        assertThat(report.get("applied").asLong()).isEqualTo(2);
        assertRejection(report.get("rejections").get(0), 2, "case.exists", 409);
        assertRejection(report.get("rejections").get(1), 4, "case.unknown", 404);
        assertThat(types("V")).containsExactly("CaseSubmitted", "CaseAccepted");
        assertThat(mvc.perform(get("/api/cases/" + id("W"))).andReturn().getResponse().getStatus()).isEqualTo(404);
        // the refused lines' keys were not stored: the same file again applies what it can now
        JsonNode again = importLines(List.of(submit("W", "650102", "2025-03-03T10:00:00+08:00")));
        assertThat(again.get("applied").asLong()).isEqualTo(1);
    }

    @Test
    void stepsLeftPendingByAnImportThatDiedAreScheduledAtStart() throws Exception {
        Instant completed = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode report = importLines(List.of(
                submit("H", "650102", completed.minus(2, ChronoUnit.HOURS).toString()),
                step("accept", "H", "\"at\":\"" + completed.minus(1, ChronoUnit.HOURS) + "\""),
                step("complete", "H", "\"at\":\"" + completed + "\",\"outcome\":\"APPROVED\"")));
        assertThat(report.get("automaticSteps").asLong()).isEqualTo(1);
        assertThat(scheduledDeadlines("H")).isEqualTo(1);

        // as if the process had died after the batch committed and before the import decided
        jdbc.sql("DELETE FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0").param(id("H")).update();
        jdbc.sql("INSERT INTO import_pending_case (case_id, rating_due_at) VALUES (?, ?)")
                .params(id("H"), Timestamp.from(completed.plus(10, ChronoUnit.DAYS))).update();
        caseImport.decideLeftovers();
        assertThat(scheduledDeadlines("H")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM import_pending_case WHERE case_id = ?").param(id("H"))
                .query(Long.class).single()).isZero();
    }
}
