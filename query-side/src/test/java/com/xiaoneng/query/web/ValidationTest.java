package com.xiaoneng.query.web;

import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Bad parameters answer 400 with a JSON body naming the field and the rule. */
class ValidationTest extends QuerySideTest {

    @Test
    void filters() throws Exception {
        rejected("leader", "/api/metrics/compliance?region=65", "region", "region_code");
        rejected("leader", "/api/metrics/compliance?region=65010a", "region", "region_code");
        rejected("leader", "/api/metrics/compliance?region=990100", "region", "region_code");
        rejected("leader", "/api/metrics/compliance?from=2025-09-30&to=2025-07-01", "from", "from_not_after_to");
        rejected("leader", "/api/metrics/ratings?from=2020-01-01&to=2025-01-02", "to", "max_span_5_years");
        as("leader", "/api/metrics/ratings?from=2020-01-01&to=2025-01-01").andExpect(status().isOk());
        rejected("leader", "/api/metrics/compliance?from=2025-13-01", "from", "field.format");
        rejected("leader", "/api/metrics/compliance?asOf=yesterday", "asOf", "field.format");
        rejected("leader", "/api/metrics/compliance?groupBy=year", "groupBy", "one_of");
        rejected("leader", "/api/metrics/cross-region?channel=FAX", "channel", "one_of");
        rejected("leader", "/api/metrics/compliance?agency=" + "A".repeat(65), "agency", "length_1_64");
    }

    @Test
    void paging() throws Exception {
        rejected("auditor", "/api/audit/overdue?state=open&size=1001", "size", "range_1_1000");
        rejected("auditor", "/api/audit/overdue?state=open&size=0", "size", "range_1_1000");
        as("auditor", "/api/audit/overdue?state=open&size=1000").andExpect(status().isOk());
        rejected("auditor", "/api/audit/poor-ratings?page=-1", "page", "min_0");
        rejected("auditor", "/api/audit/poor-ratings?sort=payload", "sort", "one_of");
        rejected("auditor", "/api/audit/overdue?state=open&sort=dueAt,up", "sort", "one_of");
        rejected("auditor", "/api/audit/overdue?state=open&sort=due_at;DROP TABLE x", "sort", "one_of");
        rejected("auditor", "/api/audit/overdue", "state", "field.required");
        rejected("auditor", "/api/audit/overdue?state=closed", "state", "one_of");
        rejected("auditor", "/api/audit/poor-ratings?rectified=maybe", "rectified", "field.format");
        rejected("auditor", "/api/cases/{id}/timeline", "C 01'", "caseId", "case_id");
    }

    @Test
    void reports() throws Exception {
        rejected("supervisor", "/api/reports/assessment", "period", "year_quarter_or_month");
        rejected("supervisor", "/api/reports/assessment?period=2025-Q5", "period", "year_quarter_or_month");
        rejected("supervisor", "/api/reports/assessment?period=2025-13", "period", "year_quarter_or_month");
        rejected("supervisor", "/api/reports/assessment?period=2025&format=docx", "format", "one_of");
        rejected("supervisor", "/api/reports/assessment?period=2025&groupBy=month", "groupBy", "one_of");
        rejected("supervisor", "/api/reports/assessment?period=2025&region=6500", "region", "region_code");
    }

    private void rejected(String user, String uri, String field, String rule) throws Exception {
        as(user, uri).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.error").value("Bad Request"))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.rule").value(rule))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }

    private void rejected(String user, String uri, String variable, String field, String rule) throws Exception {
        as(user, uri, variable).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.rule").value(rule));
    }
}
