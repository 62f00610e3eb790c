package com.xiaoneng.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.query.testing.QuerySideTest;
import com.xiaoneng.regions.Regions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** GET /api/me: what the workbench builds its page from. */
class MeControllerTest extends QuerySideTest {
    @Test
    void provinceUserGetsThePrefecturesToChooseFrom() throws Exception {
        JsonNode me = json("admin", "/api/me");
        assertThat(me.get("user").asText()).isEqualTo("admin");
        assertThat(me.get("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(me.get("scope").toString()).isEqualTo("{\"code\":\"650000\",\"name\":\"新疆维吾尔自治区\"}");
        assertThat(me.get("prefectures")).hasSize(Regions.xinjiangPrefectures().size());
        assertThat(me.get("prefectures").get(0).toString()).isEqualTo("{\"code\":\"650100\",\"name\":\"乌鲁木齐市\"}");
        // the fixed clock's day in Beijing: 2025-10-15 12:00
        assertThat(me.get("today").asText()).isEqualTo("2025-10-15");
    }

    @Test
    void prefectureUserHasNothingBelowToChoose() throws Exception {
        JsonNode me = json("leader-kashgar", "/api/me");
        assertThat(me.get("roles").toString()).isEqualTo("[\"LEADER\"]");
        assertThat(me.get("scope").toString()).isEqualTo("{\"code\":\"653100\",\"name\":\"喀什地区\"}");
        assertThat(me.get("prefectures")).isEmpty();
    }

    @Test
    void everySignedInRoleMayAskAndNobodyElse() throws Exception {
        assertThat(json("agency", "/api/me").get("roles").toString()).isEqualTo("[\"AGENCY\"]");
        mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").with(httpBasic("admin", "wrong"))).andExpect(status().isUnauthorized());
    }

    @Test
    void workbenchFilesNeedNoSignIn() throws Exception {
        mvc.perform(get("/workbench")).andExpect(status().isFound()).andExpect(redirectedUrl("/workbench/"));
        mvc.perform(get("/workbench/")).andExpect(status().isOk()).andExpect(forwardedUrl("/workbench/index.html"));
        String page = mvc.perform(get("/workbench/index.html")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<title>效能 · 审计工作台</title>");
        mvc.perform(get("/workbench/app.js")).andExpect(status().isOk());
        mvc.perform(get("/workbench/app.css")).andExpect(status().isOk());
        mvc.perform(get("/workbench/missing.js")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.rule").value("http.not-found"));
    }
}
