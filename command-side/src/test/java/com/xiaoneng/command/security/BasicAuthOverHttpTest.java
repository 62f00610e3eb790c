package com.xiaoneng.command.security;

import com.xiaoneng.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Many requests on the same Basic credentials go through (BCrypt once), and wrong ones still get 401. */
@CommandSideTest
class BasicAuthOverHttpTest {
    @Autowired
    WebApplicationContext context;

    @Test
    void twoThousandRequestsWithTheSameCredentials() throws Exception {
        // not the shared MockMvc: that one signs every request in as admin
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        for (int i = 0; i < 2_000; i++) {
            mvc.perform(get("/api/catalog/items/XJ-650100-GA-0001").with(httpBasic("agency", "agency-pass")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.code").value("XJ-650100-GA-0001"));
        }
        mvc.perform(get("/api/catalog/items/XJ-650100-GA-0001").with(httpBasic("agency", "agency-pas")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.rule").value("auth.required"));
        mvc.perform(get("/api/catalog/items/XJ-650100-GA-0001").with(httpBasic("agency", "admin-pass")))
                .andExpect(status().isUnauthorized());
        // a remembered success does not lift the role check: agency may not change the catalog
        mvc.perform(get("/api/admin/anything").with(httpBasic("agency", "agency-pass")))
                .andExpect(status().isForbidden());
    }
}
