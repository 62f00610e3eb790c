package com.xiaoneng.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xiaoneng.command.support.CommandSideTest;
import com.xiaoneng.web.testing.HostileRequests;
import com.xiaoneng.web.testing.HostileRequests.Hostile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.xiaoneng.web.testing.HostileRequests.abbreviate;
import static com.xiaoneng.web.testing.HostileRequests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side as a hostile client meets it (issue 10): a few hundred generated requests over every case
 * step, the catalog and the import: far dates, huge and binary texts, wrong types, coercions, duplicate keys,
 * trailing documents, unknown fields, odd media types, oversize bodies. Every one is answered 4xx with a JSON
 * body naming the rule (and the field where there is one), none 5xx, none slower than 2 s, none leaking Java
 * or SQL; and nothing is stored.
 */
@CommandSideTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"xiaoneng.rules.default-rating-days=0", "xiaoneng.import.listed-rejections=100",
                // the configured lower bound, not the default 2000-01-01 (a 2000-06 time below must be refused)
                "xiaoneng.rules.earliest=2001-01-01T00:00:00Z", "xiaoneng.rules.max-days=60"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ITEM = "HOSTILE-1";
    private static final String APPLICANT = "650102199001011234";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    /** Cases in the state each step needs, so that the step's own checks are the ones that refuse. */
    private String submitted;
    private String accepted;
    private String suspended;
    private String completed;
    private String badlyRated;
    private String now;

    @BeforeAll
    void cases() throws Exception {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString();
        expectOk(send("PUT", "/api/catalog/items/" + ITEM, "application/json", """
                {"name":"居民身份证换领","type":"LICENSE","legalBasis":"《居民身份证法》","agencyCode":"650100-GA",
                 "agencyName":"乌鲁木齐市公安局","regionCode":"650100","statutoryLimitDays":20,"promisedLimitDays":3,
                 "crossRegionScope":"NONE","feeYuan":0}""", "admin"));
        submitted = submit();
        accepted = submit();
        step(accepted, "accept", Map.of());
        suspended = submit();
        step(suspended, "accept", Map.of());
        step(suspended, "suspend", Map.of("procedure", "专家评审", "reason", "需专家论证"));
        completed = submit();
        step(completed, "accept", Map.of());
        step(completed, "complete", Map.of("outcome", "APPROVED"));
        badlyRated = submit();
        step(badlyRated, "accept", Map.of());
        step(badlyRated, "complete", Map.of("outcome", "APPROVED"));
        step(badlyRated, "rate", Map.of("score", 1));
    }

    @Test
    void everyHostileRequestIsRefusedWithAJsonReasonAndStoresNothing() throws Exception {
        List<Hostile> requests = new ArrayList<>();
        requests.addAll(fieldMutations());
        requests.addAll(malformedBodies());
        requests.addAll(oddRequests());
        requests.addAll(importLines());
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);

        Map<String, Long> before = stored();
        List<String> failures = HostileRequests.failures(port, requests, HostileInputTest::refusal,
                "hostile-input-failures.txt");
        assertThat(failures).as("%d of %d hostile requests", failures.size(), requests.size()).isEmpty();
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void garbageImportsAnswerACappedListOfRejections() throws Exception {
        StringBuilder garbage = new StringBuilder();
        byte[] noise = new byte[48];
        java.util.Random random = new java.util.Random(10);
        while (garbage.length() < 1 << 20) {
            random.nextBytes(noise);
            garbage.append(Base64.getEncoder().encodeToString(noise)).append('\n');
        }
        long lines = garbage.chars().filter(c -> c == '\n').count();
        Map<String, Long> before = stored();
        HttpResponse<String> response = send(hostile("garbage import", "POST", "/api/import", "application/x-ndjson",
                garbage.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("rejected").asLong()).isEqualTo(lines);
        assertThat(report.get("rejections")).hasSize(100);
        assertThat(report.get("rejectionsNotListed").asLong()).isEqualTo(lines - 100);
        assertThat(response.body().length()).isLessThan(64 * 1024);
        assertThat(stored()).isEqualTo(before);
    }

    // ---- the requests

    /** Each field of each step's body, set to values that must be refused. */
    private List<Hostile> fieldMutations() {
        List<Hostile> out = new ArrayList<>();
        ObjectNode submit = submitBody();
        mutate(out, "/api/cases", submit, "submittedAt", TIMES);
        mutate(out, "/api/cases", submit, "itemCode", with(CODES, JSON.getNodeFactory().textNode("NO-SUCH-ITEM")));
        mutate(out, "/api/cases", submit, "applicant.id", CODES);
        mutate(out, "/api/cases", submit, "applicant.type", ENUMS);
        mutate(out, "/api/cases", submit, "channel", ENUMS);
        mutate(out, "/api/cases", submit, "acceptingRegion", REGIONS);
        mutate(out, "/api/cases", submit, "handlingRegion", REGIONS);
        mutate(out, "/api/cases", submit, "caseId", CASE_IDS);

        mutate(out, path(submitted, "accept"), body(Map.of("at", now)), "at", TIMES);
        ObjectNode deficiency = body(Map.of("at", now));
        deficiency.putObject("deficiency").put("correctionDays", 5).putArray("missing").add("户口簿");
        mutate(out, path(submitted, "accept"), deficiency, "deficiency.correctionDays", DAYS);
        mutate(out, path(submitted, "accept"), deficiency, "deficiency.missing", LISTS);
        ObjectNode notAccept = body(Map.of("at", now, "reason", "材料不齐", "referTo", "乌鲁木齐市公安局"));
        mutate(out, path(submitted, "not-accept"), notAccept, "reason", LONG_TEXTS);
        mutate(out, path(submitted, "not-accept"), notAccept, "referTo", NAMES);

        ObjectNode suspend = body(Map.of("at", now, "procedure", "专家评审", "reason", "需专家论证"));
        mutate(out, path(accepted, "suspend"), suspend, "at", TIMES);
        mutate(out, path(accepted, "suspend"), suspend, "procedure", NAMES);
        mutate(out, path(accepted, "suspend"), suspend, "reason", LONG_TEXTS);
        ObjectNode extend = body(Map.of("at", now, "days", 5, "reason", "需要现场核查"));
        mutate(out, path(accepted, "extend"), extend, "days", DAYS);
        mutate(out, path(accepted, "extend"), extend, "reason", LONG_TEXTS);
        ObjectNode correct = body(Map.of("at", now));
        correct.putArray("items").add("户口簿");
        mutate(out, path(accepted, "correct"), correct, "items", LISTS);
        mutate(out, path(accepted, "revoke-acceptance"), body(Map.of("at", now, "reason", "撤销")), "reason", LONG_TEXTS);
        ObjectNode complete = body(Map.of("at", now, "outcome", "DENIED", "reason", "不符合条件"));
        mutate(out, path(accepted, "complete"), complete, "outcome", ENUMS);
        mutate(out, path(accepted, "complete"), complete, "reason", LONG_TEXTS);
        mutate(out, path(suspended, "resume"), body(Map.of("at", now)), "at", TIMES);

        ObjectNode rate = body(Map.of("at", now, "score", 5, "comment", "很好"));
        mutate(out, path(completed, "rate"), rate, "score", SCORES);
        mutate(out, path(completed, "rate"), rate, "comment", LONG_TEXTS);
        mutate(out, path(badlyRated, "rectify-rating"), body(Map.of("at", now, "measures", "增设窗口")), "measures", LONG_TEXTS);
        return out;
    }

    /** Bodies that are not one well-formed JSON object of the step's fields. */
    private List<Hostile> malformedBodies() {
        List<Hostile> out = new ArrayList<>();
        String valid = submitBody().toString();
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("trailing text", valid + " trailing");
        shapes.put("two documents", valid + valid);
        shapes.put("duplicate key", valid.replaceFirst("\\{", "{\"channel\":\"ONLINE\","));
        shapes.put("unknown field", valid.replaceFirst("\\{", "{\"priority\":\"high\","));
        shapes.put("array", "[" + valid + "]");
        shapes.put("null", "null");
        shapes.put("string", "\"submit\"");
        shapes.put("number", "42");
        shapes.put("empty", "");
        shapes.put("blank", "   ");
        shapes.put("truncated", valid.substring(0, valid.length() / 2));
        shapes.put("single quotes", valid.replace('"', '\''));
        shapes.put("comment", "/* x */" + valid);
        shapes.put("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000));
        shapes.put("huge number", valid.replaceFirst("\\{", "{\"x\":1" + "0".repeat(5000) + ","));
        shapes.put("NUL byte in JSON", valid.replaceFirst("HALL", "HA\u0000LL"));
        shapes.put("invalid UTF-8", null);
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            byte[] bytes = shape.getValue() == null
                    ? new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}
                    : shape.getValue().getBytes(StandardCharsets.UTF_8);
            out.add(hostile("submit, " + shape.getKey(), "POST", "/api/cases", "application/json", bytes));
            out.add(hostile("suspend, " + shape.getKey(), "POST", path(accepted, "suspend"), "application/json",
                    shape.getValue() == null ? bytes : shape.getValue().replace(valid,
                            body(Map.of("at", now, "procedure", "专家评审", "reason", "x")).toString()).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Media types, sizes, paths, keys and the catalog. */
    private List<Hostile> oddRequests() {
        List<Hostile> out = new ArrayList<>();
        byte[] valid = submitBody().toString().getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"*/*", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=klingon", "application/*", "garbage",
                "application/x-ndjson"}) {
            out.add(hostile("Content-Type " + type, "POST", "/api/cases", type, valid));
        }
        out.add(hostile("no Content-Type", "POST", "/api/cases", null, valid));
        String mebibyte = "需".repeat(1 << 19);
        out.add(hostile("1 MiB reason", "POST", path(accepted, "suspend"), "application/json",
                body(Map.of("at", now, "procedure", "专家评审", "reason", mebibyte)).toString().getBytes(StandardCharsets.UTF_8)));
        out.add(hostile("1 MiB submit", "POST", "/api/cases", "application/json",
                submitBody().put("itemCode", mebibyte).toString().getBytes(StandardCharsets.UTF_8)));
        out.add(hostile("10 MiB of spaces", "POST", "/api/cases", "application/json",
                (" ".repeat(10 << 20) + submitBody()).getBytes(StandardCharsets.UTF_8)));
        for (String id : new String[] {"%00", "a%00b", "x".repeat(65), "..%2F..%2Fetc", "%E6%A1%88%E4%BB%B6", "a%20b",
                "%27%3B%20DROP%20TABLE%20domain_event_entry%3B--", "no-such-case"}) {
            out.add(hostile("path id " + id, "POST", "/api/cases/" + id + "/accept", "application/json",
                    body(Map.of("at", now)).toString().getBytes(StandardCharsets.UTF_8)));
            out.add(hostile("GET path id " + id, "GET", "/api/cases/" + id, null, null));
        }
        ObjectNode guide = (ObjectNode) read("""
                {"name":"户口迁移","type":"LICENSE","legalBasis":"《户口登记条例》","agencyCode":"650100-GA",
                 "agencyName":"乌鲁木齐市公安局","regionCode":"650100","statutoryLimitDays":20,"promisedLimitDays":3,
                 "crossRegionScope":"NONE","feeYuan":0}""");
        Map<String, JsonNode[]> catalog = new LinkedHashMap<>();
        catalog.put("name", NAMES);
        catalog.put("agencyCode", CODES);
        catalog.put("statutoryLimitDays", new JsonNode[] {NODES.numberNode(-1), NODES.numberNode(366),
                NODES.numberNode(10_000_000), NODES.textNode("5"), NODES.numberNode(3.5), NODES.booleanNode(true), NODES.nullNode()});
        catalog.put("type", ENUMS);
        catalog.put("regionCode", REGIONS);
        for (Map.Entry<String, JsonNode[]> field : catalog.entrySet()) {
            for (JsonNode value : field.getValue()) {
                ObjectNode mutated = guide.deepCopy();
                mutated.set(field.getKey(), value);
                out.add(hostile("catalog " + field.getKey() + "=" + abbreviate(value), "PUT",
                        "/api/catalog/items/HOSTILE-2", "application/json", bytes(mutated)));
            }
        }
        out.add(hostile("catalog code with NUL", "PUT", "/api/catalog/items/A%00B", "application/json",
                guide.toString().getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** One import per hostile line: the report must refuse it with a 4xx rule, and apply nothing. */
    private List<Hostile> importLines() {
        List<Hostile> out = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        ObjectNode submit = submitBody().put("command", "submit");
        for (JsonNode time : TIMES) {
            lines.add(submit.deepCopy().put("caseId", "IMP-" + UUID.randomUUID()).set("submittedAt", time).toString());
        }
        for (JsonNode code : CODES) {
            lines.add(submit.deepCopy().put("caseId", "IMP-" + UUID.randomUUID()).set("itemCode", code).toString());
        }
        for (JsonNode id : CASE_IDS) {
            lines.add(submit.deepCopy().set("caseId", id).toString());
        }
        for (JsonNode days : DAYS) {
            lines.add(body(Map.of("command", "extend", "caseId", accepted, "at", now, "reason", "核查")).set("days", days).toString());
        }
        for (JsonNode text : LONG_TEXTS) {
            lines.add(body(Map.of("command", "suspend", "caseId", accepted, "at", now, "procedure", "评审")).set("reason", text).toString());
        }
        lines.add(submit.deepCopy().put("caseId", "IMP-" + UUID.randomUUID()).put("unknown", 1).toString());
        lines.add(submit.deepCopy().put("caseId", "IMP-" + UUID.randomUUID()) + " trailing");
        lines.add(body(Map.of("command", "accept", "caseId", submitted, "at", now)).toString().replaceFirst("\\{", "{\"at\":\"" + now + "\","));
        lines.add(body(Map.of("command", "launch", "caseId", submitted, "at", now)).toString());
        lines.add(body(Map.of("command", "rate", "caseId", completed, "at", now)).put("score", "5").toString());
        lines.add(body(Map.of("command", "rate", "caseId", completed, "at", now)).put("score", 4.5).toString());
        lines.add(body(Map.of("command", "complete", "caseId", accepted, "at", now)).put("outcome", 0).toString());
        lines.add(body(Map.of("caseId", submitted, "at", now)).put("command", 7).toString());
        lines.add(body(Map.of("command", "accept", "caseId", submitted, "at", now, "key", "k\u0000")).toString());
        lines.add(body(Map.of("command", "accept", "caseId", submitted, "at", now, "key", "k".repeat(201))).toString());
        lines.add("{\"command\":\"accept\",\"caseId\":\"" + submitted + "\",\"at\":\"" + now + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        lines.add("[1,2,3]");
        lines.add("not json at all");
        for (String line : lines) {
            out.add(hostile("import " + abbreviate(JSON.getNodeFactory().textNode(line)), "POST", "/api/import",
                    "application/x-ndjson", (line + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        out.add(hostile("import as JSON", "POST", "/api/import", "application/json",
                (submit + "\n").getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    // ---- hostile values by kind of field

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonNode[] TIMES = {
            NODES.textNode("-999999999-01-01T00:00:00Z"), NODES.textNode("0001-01-01T00:00:00Z"),
            NODES.textNode("1900-01-01T00:00:00Z"), NODES.textNode("1970-01-01T00:00:00Z"),
            NODES.textNode("1999-12-31T23:59:59Z"), NODES.textNode("2000-06-01T00:00:00+08:00"), NODES.textNode("+999999999-12-31T23:59:59Z"),
            NODES.textNode("2999-01-01T00:00:00+08:00"), NODES.numberNode(1735689600L), NODES.numberNode(1.7356896E9),
            NODES.textNode("2026-01-01T10:00:00"), NODES.textNode("2026-01-01"), NODES.textNode("yesterday"),
            NODES.textNode(""), NODES.nullNode(), NODES.booleanNode(true), NODES.objectNode()};
    private static final JsonNode[] CODES = {
            NODES.textNode("XJ\u0000DROP"), NODES.textNode("X".repeat(10_000)), NODES.numberNode(123456),
            NODES.booleanNode(true), NODES.arrayNode().add("X"), NODES.textNode(""), NODES.nullNode(),
            NODES.textNode("line\nbreak")};
    private static final JsonNode[] NAMES = {
            NODES.textNode("名".repeat(201)), NODES.textNode("a\u0000b"), NODES.numberNode(7), NODES.booleanNode(false),
            NODES.textNode("\uD800"), NODES.textNode("bell\u0007")};
    private static final JsonNode[] LONG_TEXTS = {
            NODES.textNode("长".repeat(2001)), NODES.textNode("a\u0000b"), NODES.numberNode(3), NODES.booleanNode(true),
            NODES.arrayNode().add("x"), NODES.textNode("esc\u001b[31m")};
    private static final JsonNode[] DAYS = {
            NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(61), NODES.numberNode(366), NODES.numberNode(10_000_000),
            NODES.numberNode(Integer.MAX_VALUE + 1L), NODES.textNode("5"), NODES.numberNode(3.5), NODES.numberNode(1e300),
            NODES.booleanNode(true), NODES.nullNode()};
    private static final JsonNode[] SCORES = {
            NODES.numberNode(0), NODES.numberNode(6), NODES.numberNode(-2147483648), NODES.textNode("5"),
            NODES.numberNode(4.5), NODES.booleanNode(true), NODES.nullNode()};
    private static final JsonNode[] ENUMS = {
            NODES.numberNode(0), NODES.numberNode(1), NODES.textNode("hall"), NODES.textNode("ALIEN"), NODES.textNode(""),
            NODES.nullNode(), NODES.booleanNode(true)};
    private static final JsonNode[] REGIONS = {
            NODES.textNode("65010"), NODES.textNode("6501020"), NODES.numberNode(650102), NODES.textNode("65\u00000102"),
            NODES.textNode("999999"), NODES.nullNode()};
    private static final JsonNode[] CASE_IDS = {
            NODES.numberNode(123456), NODES.booleanNode(true), NODES.textNode("x y"), NODES.textNode("a".repeat(65)),
            NODES.textNode("a\u0000"), NODES.textNode("../../etc"), NODES.textNode("案件")};
    private static final JsonNode[] LISTS = {
            list(51, "户口簿"), list(1, "材".repeat(201)), list(1, "a\u0000"), NODES.textNode("户口簿"),
            NODES.arrayNode().add(1), NODES.arrayNode(), NODES.arrayNode().addNull()};

    private static JsonNode list(int size, String entry) {
        ArrayNode list = NODES.arrayNode();
        Collections.nCopies(size, entry).forEach(list::add);
        return list;
    }

    private static JsonNode[] with(JsonNode[] values, JsonNode extra) {
        JsonNode[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = extra;
        return all;
    }

    // ---- judging

    /** The import answers 200 with a report: the refusal is its one rejection, and nothing may have been applied. */
    private static JsonNode refusal(Hostile request, int status, JsonNode body) {
        if (!request.path().equals("/api/import") || status != 200) {
            return body;
        }
        if (body.get("applied").asLong() != 0 || body.get("rejected").asLong() != 1) {
            throw new IllegalStateException("import applied or skipped a hostile line: " + body);
        }
        return body.get("rejections").get(0);
    }

    private Map<String, Long> stored() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"domain_event_entry", "import_line", "service_item_version", "idempotent_request"}) {
            counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return counts;
    }

    // ---- plumbing

    private void mutate(List<Hostile> out, String path, ObjectNode valid, String field, JsonNode[] values) {
        for (JsonNode value : values) {
            ObjectNode mutated = valid.deepCopy();
            String[] parts = field.split("\\.");
            ObjectNode parent = mutated;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = (ObjectNode) parent.get(parts[i]);
            }
            parent.set(parts[parts.length - 1], value);
            out.add(hostile(path + " " + field + "=" + abbreviate(value), "POST", path, "application/json",
                    bytes(mutated)));
        }
    }

    private ObjectNode submitBody() {
        ObjectNode body = JSON.createObjectNode();
        body.put("itemCode", ITEM);
        body.putObject("applicant").put("type", "PERSON").put("id", APPLICANT);
        body.put("channel", "HALL").put("acceptingRegion", "650102").put("handlingRegion", "650102").put("submittedAt", now);
        return body;
    }

    private static ObjectNode body(Map<String, Object> fields) {
        return JSON.valueToTree(new LinkedHashMap<>(fields));
    }

    private static String path(String caseId, String step) {
        return "/api/cases/" + caseId + "/" + step;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String submit() throws Exception {
        HttpResponse<String> response = send("POST", "/api/cases", "application/json", submitBody().toString(), "agency");
        expectOk(response);
        return JSON.readTree(response.body()).get("caseId").asText();
    }

    private void step(String caseId, String step, Map<String, Object> fields) throws Exception {
        ObjectNode body = body(fields);
        body.put("at", now);
        expectOk(send("POST", path(caseId, step), "application/json", body.toString(), "agency"));
    }

    private static void expectOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    /** Catalog requests as the admin, the rest as the agency user. */
    private static Hostile hostile(String name, String method, String path, String contentType, byte[] body) {
        return new Hostile(name, method, path, contentType, body, path.startsWith("/api/catalog") ? "admin" : "agency");
    }

    private HttpResponse<String> send(Hostile request) {
        return HostileRequests.send(port, request);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String user) {
        return HostileRequests.send(port, new Hostile("set-up", method, path, contentType,
                body.getBytes(StandardCharsets.UTF_8), user));
    }
}
