package com.xiaoneng.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.streaming.testing.ClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline over the real components: the command side (its fat jar, on its own embedded
 * PostgreSQL) publishes to local-stack's Kafka broker, the Flink job runs on a MiniCluster and writes
 * the chDB ClickHouse endpoint. Fifty cases in eight families on real 2025 dates; every expected due
 * date, on-time flag and count below is worked out by hand from the 2025 holiday notice.
 */
class CommandSideToClickHouseIT {
    static final String DB = "xn_e2e";

    @TempDir
    static Path dir;
    static Pipeline pipeline;
    static ClickHouseEndpoint clickHouse;
    static CommandSide commandSide;

    /** case id → family, in submission order. */
    static final Map<String, String> FAMILY = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        pipeline = Pipeline.start(dir, DB);
        clickHouse = pipeline.clickHouse;
        // the explicit ratings below come within milliseconds; the automatic ones a little later
        commandSide = pipeline.commandSide("20s", Map.of());
        pipeline.job("e2e", "--clickhouse-flush-interval", "0.2s", "--checkpoint-interval", "1s",
                "--warning-settle", "40s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    static void item(String code, String name, String type, int limit, String scope) throws Exception {
        commandSide.item(code, name, type, limit, scope);
    }

    static String submit(String family, String item, String channel, String accepting, String handling, String at)
            throws Exception {
        String id = "E2E-" + family + "-" + (FAMILY.size() + 1);
        commandSide.submit(id, item, channel, accepting, handling, at, FAMILY.size());
        FAMILY.put(id, family);
        return id;
    }

    static JsonNode step(String id, String step, String body) throws Exception {
        return commandSide.step(id, step, body);
    }

    static final String[] LOCAL_REGIONS = {"650102", "653101", "654002", "652901", "650203"};
    static final String[] CHANNELS = {"ONLINE", "HALL", "MOBILE", "SELF_SERVICE"};

    @Test
    void fiftyCasesFromTheCommandSideEndUpExactlyInClickHouse() throws Exception {
        item("E2E-A", "不动产登记", "LICENSE", 5, "NONE");
        item("E2E-B", "个体工商户设立登记", "LICENSE", 3, "WITHIN_REGION");
        item("E2E-C", "社会保障卡申领", "PUBLIC_SERVICE", 10, "CROSS_PROVINCE");
        item("E2E-D", "居住证签注", "CONFIRMATION", 0, "NONE");

        for (int i = 0; i < 10; i++) {
            // F1: accepted Mon 03-03, due after 5 working days = end of Mon 03-10; completed Fri 03-07, rated 5
            String r = LOCAL_REGIONS[i % 5];
            String id = submit("F1", "E2E-A", CHANNELS[i % 4], r, r, "2025-03-03T09:00:00+08:00");
            assertThat(step(id, "accept", "{\"at\":\"2025-03-03T10:00:00+08:00\"}").get("dueAt").asText())
                    .isEqualTo("2025-03-10T16:00:00Z");
            assertThat(step(id, "complete", "{\"at\":\"2025-03-07T16:00:00+08:00\",\"outcome\":\"APPROVED\"}")
                    .get("onTime").asBoolean()).isTrue();
            step(id, "rate", "{\"at\":\"2025-03-08T10:00:00+08:00\",\"score\":5}");
        }
        for (int i = 0; i < 6; i++) {
            // F2: accepted Fri 01-24 before the Spring Festival: 01-26 (Sunday make-up), 01-27, 02-05, 02-06,
            // 02-07 → due end of 02-07; completed Mon 02-10, late; bad rating 2, rectification due 15 working
            // days after 02-10 = end of 03-03; rectified 02-20, on time
            String r = LOCAL_REGIONS[i % 5];
            String id = submit("F2", "E2E-A", "HALL", r, r, "2025-01-24T09:00:00+08:00");
            assertThat(step(id, "accept", "{\"at\":\"2025-01-24T10:00:00+08:00\"}").get("dueAt").asText())
                    .isEqualTo("2025-02-07T16:00:00Z");
            assertThat(step(id, "complete", "{\"at\":\"2025-02-10T11:00:00+08:00\",\"outcome\":\"APPROVED\"}")
                    .get("onTime").asBoolean()).isFalse();
            step(id, "rate", "{\"at\":\"2025-02-10T15:00:00+08:00\",\"score\":2,\"comment\":\"办理超期\"}");
            assertThat(step(id, "rectify-rating", "{\"at\":\"2025-02-20T10:00:00+08:00\",\"measures\":\"增设窗口，专人督办\"}")
                    .get("onTime").asBoolean()).isTrue();
        }
        for (int i = 0; i < 6; i++) {
            // F3: 疆内通办 (accepted in Kashgar, handled in Urumqi), accepted Fri 09-26: 09-28 (make-up), 09-29,
            // 09-30 → due 09-30; extended 2 → 10-09, 10-10 (after National Day); completed 10-10 on time; not
            // rated → default rating 4 at the end of 10-16 (10-11 make-up, 10-13..10-16)
            String id = submit("F3", "E2E-B", "ONLINE", "653101", "650102", "2025-09-26T09:00:00+08:00");
            assertThat(step(id, "accept", "{\"at\":\"2025-09-26T10:00:00+08:00\"}").get("dueAt").asText())
                    .isEqualTo("2025-09-30T16:00:00Z");
            assertThat(step(id, "extend", "{\"at\":\"2025-09-30T10:00:00+08:00\",\"days\":2,\"reason\":\"需要现场核查\"}")
                    .get("dueAt").asText()).isEqualTo("2025-10-10T16:00:00Z");
            assertThat(step(id, "complete", "{\"at\":\"2025-10-10T17:00:00+08:00\",\"outcome\":\"APPROVED\"}")
                    .get("onTime").asBoolean()).isTrue();
        }
        for (int i = 0; i < 6; i++) {
            // F4: 容缺受理 on Tue 04-01 with 2 days to supply: correction due end of Thu 04-03, never corrected →
            // revoked automatically at that deadline; the due date was 04-02, 03, 07, 08, 09 → end of 04-09
            String r = LOCAL_REGIONS[(i + 2) % 5];
            String id = submit("F4", "E2E-A", "MOBILE", r, r, "2025-04-01T09:00:00+08:00");
            assertThat(step(id, "accept", "{\"at\":\"2025-04-01T10:00:00+08:00\",\"deficiency\":{\"missing\":[\"营业执照副本\"],\"correctionDays\":2}}")
                    .get("dueAt").asText()).isEqualTo("2025-04-09T16:00:00Z");
        }
        for (int i = 0; i < 6; i++) {
            // F5: 跨省通办 (accepted in Beijing), accepted Wed 04-30: 10 working days skip 劳动节 → 05-06..05-09,
            // 05-12..05-16, 05-19 → due 05-19; suspended 05-06, resumed 05-09: 05-07, 05-08, 05-09 = 3 → due
            // 05-22; denied 05-22 10:00, on time; rated 3
            String id = submit("F5", "E2E-C", "ONLINE", "110105", "650102", "2025-04-30T09:00:00+08:00");
            assertThat(step(id, "accept", "{\"at\":\"2025-04-30T10:00:00+08:00\"}").get("dueAt").asText())
                    .isEqualTo("2025-05-19T16:00:00Z");
            step(id, "suspend", "{\"at\":\"2025-05-06T10:00:00+08:00\",\"procedure\":\"检验检测\",\"reason\":\"样品送检\"}");
            assertThat(step(id, "resume", "{\"at\":\"2025-05-09T10:00:00+08:00\"}").get("dueAt").asText())
                    .isEqualTo("2025-05-22T16:00:00Z");
            assertThat(step(id, "complete", "{\"at\":\"2025-05-22T10:00:00+08:00\",\"outcome\":\"DENIED\",\"reason\":\"不符合法定条件，可申请行政复议\"}")
                    .get("onTime").asBoolean()).isTrue();
            step(id, "rate", "{\"at\":\"2025-05-23T10:00:00+08:00\",\"score\":3}");
        }
        for (int i = 0; i < 5; i++) {
            // F6: not accepted (not this agency's item), then rated 4
            String r = LOCAL_REGIONS[i % 5];
            String id = submit("F6", "E2E-A", "HALL", r, r, "2025-03-03T09:00:00+08:00");
            step(id, "not-accept", "{\"at\":\"2025-03-03T09:30:00+08:00\",\"reason\":\"不属于本机关职权范围\",\"referTo\":\"乌鲁木齐市民政局\"}");
            step(id, "rate", "{\"at\":\"2025-03-03T11:00:00+08:00\",\"score\":4}");
        }
        for (int i = 0; i < 5; i++) {
            // F7: 即办件, due the end of the acceptance day; completed the same afternoon; rated 5
            String r = LOCAL_REGIONS[(i + 1) % 5];
            String id = submit("F7", "E2E-D", "SELF_SERVICE", r, r, "2025-06-03T09:00:00+08:00");
            assertThat(step(id, "accept", "{\"at\":\"2025-06-03T09:10:00+08:00\"}").get("dueAt").asText())
                    .isEqualTo("2025-06-03T16:00:00Z");
            step(id, "complete", "{\"at\":\"2025-06-03T15:00:00+08:00\",\"outcome\":\"APPROVED\"}");
            step(id, "rate", "{\"at\":\"2025-06-03T16:00:00+08:00\",\"score\":5}");
        }
        for (int i = 0; i < 6; i++) {
            // F8: accepted Mon 03-03 (due 03-10) and never completed: open and overdue, RED (and YELLOW) warned
            String r = LOCAL_REGIONS[i % 5];
            String id = submit("F8", "E2E-A", "ONLINE", r, r, "2025-03-03T09:00:00+08:00");
            step(id, "accept", "{\"at\":\"2025-03-03T10:00:00+08:00\"}");
        }
        assertThat(FAMILY).hasSize(50);

        // the automatic steps come from the command side's deadlines: 6 revocations (F4), 6 default ratings (F3)
        int expectedEvents = 10 * 4 + 6 * 5 + 6 * 5 + 6 * 3 + 6 * 6 + 5 * 3 + 5 * 4 + 6 * 2;
        assertThat(expectedEvents).isEqualTo(201);
        try (Connection connection = ClickHouse.connect(clickHouse)) {
            String progress = "SELECT (SELECT count() FROM " + DB + ".case_events FINAL), (SELECT count() FROM " + DB
                    + ".case_alerts FINAL), (SELECT count() FROM " + DB + ".case_facts FINAL), (SELECT sum(version) FROM "
                    + DB + ".case_facts FINAL)";
            String expected = expectedEvents + "\t12\t50\t" + (expectedEvents - 50);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            String seen = ClickHouse.rows(connection, progress).get(0);
            while (!seen.equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                seen = ClickHouse.rows(connection, progress).get(0);
            }
            assertThat(seen).as("events, warnings, cases, sum of versions in ClickHouse").isEqualTo(expected);

            String facts = "SELECT case_id, status, cross_region_mode, accepting_prefecture, handling_prefecture,"
                    + " toString(due_at), toString(completed_at), on_time, working_days_to_complete, rating_score,"
                    + " rating_defaulted, toString(rated_at), toString(rectification_due_at), rectified_on_time,"
                    + " suspended_working_days, extended_days, toString(revoked_at), item_version, length(applicant_pseudonym)"
                    + " FROM " + DB + ".case_facts FINAL WHERE case_id = '%s'";
            List<String> firstOfEach = new ArrayList<>();
            for (String family : List.of("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8")) {
                String id = FAMILY.entrySet().stream().filter(e -> e.getValue().equals(family)).findFirst().orElseThrow().getKey();
                firstOfEach.add(ClickHouse.rows(connection, facts.formatted(id)).get(0));
            }
            assertThat(firstOfEach).containsExactly(
                    "E2E-F1-1\tCOMPLETED\tLOCAL\t650100\t650100\t2025-03-10 16:00:00.000\t2025-03-07 08:00:00.000\t1\t4\t5\t0\t2025-03-08 02:00:00.000\tnull\tnull\t0\t0\tnull\t1\t64",
                    "E2E-F2-11\tCOMPLETED\tLOCAL\t650100\t650100\t2025-02-07 16:00:00.000\t2025-02-10 03:00:00.000\t0\t7\t2\t0\t2025-02-10 07:00:00.000\t2025-03-03 16:00:00.000\t1\t0\t0\tnull\t1\t64",
                    "E2E-F3-17\tCOMPLETED\tWITHIN_REGION\t653100\t650100\t2025-10-10 16:00:00.000\t2025-10-10 09:00:00.000\t1\t5\t4\t1\t2025-10-16 16:00:00.000\tnull\tnull\t0\t2\tnull\t1\t64",
                    "E2E-F4-23\tREVOKED\tLOCAL\t654000\t654000\t2025-04-09 16:00:00.000\tnull\tnull\tnull\tnull\tnull\tnull\tnull\tnull\t0\t0\t2025-04-03 16:00:00.000\t1\t64",
                    "E2E-F5-29\tCOMPLETED\tCROSS_PROVINCE\t110100\t650100\t2025-05-22 16:00:00.000\t2025-05-22 02:00:00.000\t1\t13\t3\t0\t2025-05-23 02:00:00.000\tnull\tnull\t3\t0\tnull\t1\t64",
                    "E2E-F6-35\tNOT_ACCEPTED\tLOCAL\t650100\t650100\tnull\tnull\tnull\tnull\t4\t0\t2025-03-03 03:00:00.000\tnull\tnull\t0\t0\tnull\t1\t64",
                    "E2E-F7-40\tCOMPLETED\tLOCAL\t653100\t653100\t2025-06-03 16:00:00.000\t2025-06-03 07:00:00.000\t1\t0\t5\t0\t2025-06-03 08:00:00.000\tnull\tnull\t0\t0\tnull\t1\t64",
                    "E2E-F8-45\tACCEPTED\tLOCAL\t650100\t650100\t2025-03-10 16:00:00.000\tnull\tnull\tnull\tnull\tnull\tnull\tnull\tnull\t0\t0\tnull\t1\t64");

            // metrics, by hand: completed 10+6+6+6+5 = 33, on time all but F2 = 27
            assertThat(ClickHouse.rows(connection, "SELECT countIf(completed_at IS NOT NULL), countIf(on_time = 1),"
                    + " countIf(on_time = 0), countIf(status = 'REVOKED'), countIf(status IN ('ACCEPTED', 'SUSPENDED')"
                    + " AND due_at < now64(3))"
                    + " FROM " + DB + ".case_facts FINAL")).containsExactly("33\t27\t6\t6\t6");
            // ratings 10+6+6+6+5+5 = 38; good (4-5) 10+6+5+5 = 26; neutral 6; bad 6; defaulted 6; rectified 6, on time 6
            assertThat(ClickHouse.rows(connection, "SELECT countIf(rating_score IS NOT NULL), countIf(rating_score >= 4),"
                    + " countIf(rating_score = 3), countIf(rating_score <= 2), countIf(rating_defaulted = 1),"
                    + " countIf(rectified_at IS NOT NULL), countIf(rectified_on_time = 1)"
                    + " FROM " + DB + ".case_facts FINAL")).containsExactly("38\t26\t6\t6\t6\t6\t6");
            // submitted 50: 疆内通办 6, 跨省通办 6, local 38
            assertThat(ClickHouse.rows(connection, "SELECT cross_region_mode, count() FROM " + DB + ".case_facts FINAL"
                    + " GROUP BY cross_region_mode ORDER BY cross_region_mode"))
                    .containsExactly("CROSS_PROVINCE\t6", "LOCAL\t38", "WITHIN_REGION\t6");
            // warnings only for the six open cases, one YELLOW and one RED each
            assertThat(ClickHouse.rows(connection, "SELECT level, count(), uniqExact(case_id) FROM " + DB
                    + ".case_alerts FINAL GROUP BY level ORDER BY level")).containsExactly("RED\t6\t6", "YELLOW\t6\t6");
            assertThat(ClickHouse.count(connection, "SELECT count() FROM " + DB + ".case_alerts FINAL"
                    + " WHERE NOT startsWith(case_id, 'E2E-F8-')")).isZero();
            // the applicant's identity never reached ClickHouse
            assertThat(ClickHouse.count(connection, "SELECT count() FROM " + DB + ".case_events"
                    + " WHERE position(payload, '6501021980') > 0")).isZero();
        }
    }
}
