package com.xiaoneng.command.security;

import com.xiaoneng.command.support.CommandSideTest;
import com.xiaoneng.web.testing.MovableThrottle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * 200 wrong passwords for admin over HTTP, as the hostile client sent them: 429 with Retry-After and
 * rule auth.throttled after the configured 10 (application.yml), others still sign in, and the lock ends after its
 * time on the throttle's own clock. Its own context: the shared one must not have admin locked.
 */
@CommandSideTest
@Import(MovableThrottle.class)
class LoginThrottleHttpTest {
    static final String ITEM = "/api/catalog/items/XJ-650100-GA-0001";

    @Autowired
    WebApplicationContext context;



    @Test
    void twoHundredWrongPasswordsForAdmin() throws Exception {
        // not the shared MockMvc: that one signs every request in as admin
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        MockHttpServletResponse last = null;
        for (int i = 0; i < 200; i++) {
            last = mvc.perform(get(ITEM).with(httpBasic("admin", "guess-" + i)).with(MovableThrottle.from("203.0.113.7")))
                    .andReturn().getResponse();
            statuses.merge(last.getStatus(), 1, Integer::sum);
        }
        assertThat(statuses).containsExactly(Map.entry(401, 10), Map.entry(429, 190));
        assertThat(last.getHeader("Retry-After")).isEqualTo("900");
        assertThat(last.getContentType()).startsWith("application/json");

        mvc.perform(get(ITEM).with(httpBasic("admin", "admin-pass")).with(MovableThrottle.from("198.51.100.1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "900"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.error").value("Too Many Requests"))
                .andExpect(jsonPath("$.rule").value("auth.throttled"))
                .andExpect(jsonPath("$.message").value("too many failed sign-ins: try again in 900 s"));
        mvc.perform(get(ITEM).with(httpBasic("agency", "agency-pass")).with(MovableThrottle.from("198.51.100.1")))
                .andExpect(status().isOk());
        mvc.perform(get(ITEM).with(httpBasic("agency", "agency-pass")).with(MovableThrottle.from("203.0.113.7")))
                .andExpect(status().isOk());

        MovableThrottle.CLOCK.advance(Duration.ofMinutes(15));
        mvc.perform(get(ITEM).with(httpBasic("admin", "admin-pass")).with(MovableThrottle.from("198.51.100.1")))
                .andExpect(status().isOk());
    }
}
