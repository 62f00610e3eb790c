package com.xiaoneng.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every local user against every endpoint, and leader-kashgar trying to see past 653100. */
class RoleMatrixTest extends QuerySideTest {
    private static final List<String> ENDPOINTS = List.of(
            "/api/metrics/compliance", "/api/metrics/cross-region", "/api/metrics/ratings",
            "/api/audit/overdue?state=open", "/api/audit/poor-ratings", "/api/cases/C01/timeline",
            "/api/reports/assessment?period=2025-Q3", "/api/reports/exports");

    @Test
    void roleByEndpoint() throws Exception {
        // expected status per endpoint, in ENDPOINTS order
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("leader", "200 200 200 403 403 403 403 403");
        expected.put("leader-kashgar", "200 200 200 403 403 403 403 403");
        expected.put("auditor", "200 200 200 200 200 200 403 403");
        expected.put("supervisor", "200 200 200 403 403 403 200 403");
        expected.put("agency", "403 403 403 403 403 403 403 403");
        expected.put("admin", "200 200 200 200 200 200 200 200");
        Map<String, String> actual = new LinkedHashMap<>();
        for (String user : expected.keySet()) {
            List<String> statuses = new ArrayList<>();
            for (String endpoint : ENDPOINTS) {
                statuses.add(String.valueOf(as(user, endpoint).andReturn().getResponse().getStatus()));
            }
            actual.put(user, String.join(" ", statuses));
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void unauthenticatedOrWrongPasswordIs401() throws Exception {
        List<String> users = List.of("leader", "leader-kashgar", "auditor", "supervisor", "agency", "admin");
        for (int i = 0; i < ENDPOINTS.size(); i++) {
            String endpoint = ENDPOINTS.get(i);
            mvc.perform(get(endpoint)).andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Basic realm=\"xiaoneng\""))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.error").value("Unauthorized"));
            // users in turn, so that the shared context's sign-in throttle locks nobody
            String user = users.get(i % users.size());
            mvc.perform(get(endpoint).with(httpBasic(user, "not-" + user + "-pass"))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/metrics/compliance").with(httpBasic("nobody", "nobody-pass"))).andExpect(status().isUnauthorized());
    }

    @Test
    void wrongRoleIs403WithJsonBody() throws Exception {
        as("leader", "/api/audit/overdue?state=open").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.error").value("Forbidden"));
    }

    @Test
    void kashgarLeaderSeesOnlyKashgar() throws Exception {
        // own scope by default: completed in Q3 in 6531xx are C04 C05 C06 C07 C24; open overdue C14
        JsonNode compliance = json("leader-kashgar", "/api/metrics/compliance?from=2025-07-01&to=2025-09-30&groupBy=region");
        assertThat(compliance.at("/filters/region").asText()).isEqualTo("653100");
        assertThat(rows(compliance, "completed", "openOverdue")).containsExactly("653101=3,1", "653121=2,0");
        assertThat(line(compliance.get("total"), "completed", "onTime", "openOverdue")).isEqualTo("total=5,3,1");
        assertThat(rows(json("leader-kashgar", "/api/metrics/cross-region?from=2025-07-01&to=2025-09-30&groupBy=prefecture"),
                "submitted")).containsExactly("653100=7");
        assertThat(rows(json("leader-kashgar", "/api/metrics/ratings?from=2025-07-01&to=2025-09-30&groupBy=agency"),
                "ratings")).containsExactly("AG-KAS=3", "AG-SHF=1");
        assertThat(rows(json("leader-kashgar", "/api/metrics/compliance?from=2025-07-01&to=2025-09-30&region=653121"),
                "completed")).containsExactly("total=2");
    }

    @Test
    void regionsOutsideTheScopeAre403() throws Exception {
        for (String region : List.of("650100", "650000", "659001", "110101", "652100")) {
            as("leader-kashgar", "/api/metrics/compliance?region=" + region).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.field").value("region"))
                    .andExpect(jsonPath("$.rule").value("in_scope"));
        }
        as("leader-kashgar", "/api/metrics/ratings?region=650102").andExpect(status().isForbidden());
        as("leader-kashgar", "/api/metrics/cross-region?region=654000").andExpect(status().isForbidden());
        // a Xinjiang-wide user cannot read Beijing either
        as("admin", "/api/metrics/compliance?region=110000").andExpect(status().isForbidden());
        as("auditor", "/api/audit/overdue?state=late&region=110101").andExpect(status().isForbidden());
        as("supervisor", "/api/reports/assessment?period=2025&region=110000").andExpect(status().isForbidden());
    }

    @Test
    void apiDocsAndSwaggerUiAreOpen() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/metrics/compliance'].get.parameters[*].name")
                        .value(org.hamcrest.Matchers.hasItems("from", "to", "region", "agency", "itemCode", "channel",
                                "groupBy", "asOf")))
                // the caller comes from the credentials, not from parameters
                .andExpect(jsonPath("$.paths['/api/metrics/compliance'].get.parameters[*].name")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("roles"))))
                .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"))
                .andExpect(jsonPath("$.paths['/api/reports/assessment']").exists())
                .andExpect(jsonPath("$.paths['/api/audit/overdue']").exists())
                .andExpect(jsonPath("$.paths['/api/cases/{caseId}/timeline']").exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }
}
