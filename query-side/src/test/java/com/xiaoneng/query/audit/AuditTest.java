package com.xiaoneng.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Audit lists and timelines over SeedData; now = 2025-10-15 12:00 Beijing time. */
class AuditTest extends QuerySideTest {

    @Test
    void openOverdueCasesWithWorkingDaysAndWarnings() throws Exception {
        JsonNode page = json("auditor", "/api/audit/overdue?state=open");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        // working days after the due day up to today, across the National Day holidays (10-01..10-08)
        // and the make-up working days 09-28 and 10-11:
        // C13 due 09-12: 09-15..19 (5), 22..26 (5), 28, 29, 30, 10-09, 10, 11, 13, 14, 15 = 19
        // C14 due 09-19: 14; C18 due 09-26: 9
        assertThat(cases(page, "overdueWorkingDays", "warningLevel")).containsExactly(
                "C13=19,RED", "C14=14,RED", "C18=9,null");
        JsonNode first = page.at("/rows/0");
        assertThat(first.get("itemName").asText()).isEqualTo("建设工程规划许可");
        assertThat(first.get("agencyCode").asText()).isEqualTo("AG-URU");
        assertThat(first.get("handlingRegion").asText()).isEqualTo("650102");
        assertThat(first.get("acceptedAt").asText()).isEqualTo("2025-09-01T02:00:00Z");
        assertThat(first.get("dueAt").asText()).isEqualTo("2025-09-12T16:00:00Z");
        assertThat(first.get("completedAt").isNull()).isTrue();
        // due day filter
        assertThat(cases(json("auditor", "/api/audit/overdue?state=open&from=2025-09-15&to=2025-09-30"), "dueAt"))
                .containsExactly("C14=2025-09-19T16:00:00Z", "C18=2025-09-26T16:00:00Z");
    }

    @Test
    void lateCasesPagedAndSorted() throws Exception {
        // completed late within Xinjiang: C11 (due 06-27), C02 (07-11), C22 (07-14), C05 (07-17), C07 (09-17), C12 (09-29)
        List<String> all = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            JsonNode page = json("auditor", "/api/audit/overdue?state=late&size=2&sort=dueAt&page=" + p);
            assertThat(page.get("total").asLong()).isEqualTo(6);
            assertThat(page.get("totalPages").asLong()).isEqualTo(3);
            assertThat(page.get("rows")).hasSize(2);
            all.addAll(cases(page, "overdueWorkingDays"));
        }
        // C02 07-11 -> 07-15: 14, 15; C05 07-17 -> 07-21: 18, 21; C07 09-17 -> 09-30: 18, 19, 22..26, 28, 29, 30;
        // C12 09-29 -> 10-01: 30 (10-01 is a holiday)
        assertThat(all).containsExactly("C11=1", "C02=2", "C22=1", "C05=2", "C07=10", "C12=1");
        assertThat(json("auditor", "/api/audit/overdue?state=late&size=2&page=3").get("rows")).isEmpty();
        assertThat(cases(json("auditor", "/api/audit/overdue?state=late&sort=overdueWorkingDays,desc&size=3"), "completedAt"))
                .containsExactly("C07=2025-09-30T15:50:00Z", "C02=2025-07-15T02:00:00Z", "C05=2025-07-21T02:00:00Z");
        // Q3 completions only, of one prefecture
        assertThat(cases(json("admin", "/api/audit/overdue?state=late&from=2025-07-01&to=2025-09-30&region=653100"
                + "&sort=caseId,desc"), "agencyCode")).containsExactly("C07=AG-SHF", "C05=AG-KAS");
    }

    @Test
    void poorRatings() throws Exception {
        // bad ratings within Xinjiang: C02 C04 C06 C22 in Q3, C07 on 10-01
        assertThat(cases(json("auditor", "/api/audit/poor-ratings?sort=ratedAt"), "score", "rectifiedOnTime")).containsExactly(
                "C04=1,false", "C02=2,true", "C22=2,true", "C06=2,null", "C07=1,null");
        assertThat(cases(json("auditor", "/api/audit/poor-ratings?rectified=false&from=2025-07-01&to=2025-09-30"),
                "rectificationDueAt", "rectifiedAt")).containsExactly("C06=2025-10-24T16:00:00Z,null");
        JsonNode rectified = json("auditor", "/api/audit/poor-ratings?rectified=true&sort=rectifiedAt,desc");
        assertThat(rectified.get("total").asLong()).isEqualTo(3);
        assertThat(cases(rectified, "rectifiedAt")).containsExactly(
                "C22=2025-08-01T02:00:00Z", "C02=2025-07-30T02:00:00Z", "C04=2025-07-28T02:00:00Z");
        assertThat(cases(json("auditor", "/api/audit/poor-ratings?sort=score,asc&size=2"), "score"))
                .containsExactly("C04=1", "C07=1");
    }

    @Test
    void timelineInOrderWithoutReplayedDuplicates() throws Exception {
        // C01's events were inserted twice
        as("auditor", "/api/cases/{id}/timeline", "C01").andExpect(status().isOk())
                .andExpect(jsonPath("$.caseId").value("C01"))
                .andExpect(jsonPath("$.events.length()").value(4))
                .andExpect(jsonPath("$.events[*].type").value(org.hamcrest.Matchers.contains(
                        "CaseSubmitted", "CaseAccepted", "CaseCompleted", "CaseRated")))
                .andExpect(jsonPath("$.events[0].sequence").value(0))
                .andExpect(jsonPath("$.events[0].occurredAt").value("2025-07-01T01:00:00Z"))
                .andExpect(jsonPath("$.events[0].data.caseId").value("C01"));
        as("admin", "/api/cases/{id}/timeline", "C02").andExpect(jsonPath("$.events[4].type").value("BadRatingRectified"));
    }

    @Test
    void casesOutsideTheRegionAreNotFound() throws Exception {
        // C10 is handled in Beijing: invisible to Xinjiang's auditor
        as("auditor", "/api/cases/{id}/timeline", "C10").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
        as("auditor", "/api/cases/{id}/timeline", "nope").andExpect(status().isNotFound());
        assertThat(cases(json("auditor", "/api/audit/overdue?state=late"))).doesNotContain("C10=");
    }

    /** "caseId=field1,field2" per row. */
    private static List<String> cases(JsonNode page, String... fields) {
        List<String> lines = new ArrayList<>();
        for (JsonNode row : page.get("rows")) {
            StringBuilder line = new StringBuilder(row.get("caseId").asText()).append('=');
            for (int i = 0; i < fields.length; i++) {
                JsonNode value = row.get(fields[i]);
                line.append(i == 0 ? "" : ",").append(value.isNull() ? "null" : value.asText());
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
