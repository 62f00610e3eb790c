package com.xiaoneng.query.security;

import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * HTTP Basic over the app: the same credentials many times, wrong ones 401, and remembered credentials do not lift
 * the role check (the cache itself: web-support CachingAuthenticationProviderTest).
 */
class BasicAuthCacheTest extends QuerySideTest {
    @Test
    void twoThousandRequestsWithTheSameCredentialsAndWrongOnesAre401() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            as("auditor", "/api/me").andExpect(status().isOk()).andExpect(jsonPath("$.user").value("auditor"));
        }
        mvc.perform(get("/api/me").with(httpBasic("auditor", "auditor-pas"))).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/me").with(httpBasic("auditor", "leader-pass"))).andExpect(status().isUnauthorized());
        // remembered credentials do not lift the role check
        as("leader", "/api/audit/poor-ratings").andExpect(status().isForbidden());
    }

    @Test
    void theWorkbenchPageNeedsNoSignIn() throws Exception {
        mvc.perform(get("/workbench/index.html")).andExpect(status().isOk());
    }
}
