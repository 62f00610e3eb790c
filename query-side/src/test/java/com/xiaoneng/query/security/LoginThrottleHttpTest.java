package com.xiaoneng.query.security;

import com.xiaoneng.query.testing.QuerySideTest;
import com.xiaoneng.web.testing.MovableThrottle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The query side's password sign-in (HTTP Basic, also the workbench's) under the throttle of application.yml:
 * 200 wrong passwords for admin give 10 × 401 then 429 with Retry-After and rule auth.throttled; other users and
 * addresses still sign in; the lock ends after its time on the throttle's own clock. Its own context, so the
 * shared one never has admin locked. Also: the local users' hashes are BCrypt of cost at least 10.
 */
@Import(MovableThrottle.class)
class LoginThrottleHttpTest extends QuerySideTest {

    @Autowired
    UserDetailsService localUsers;



    @Test
    void twoHundredWrongPasswordsForAdmin() throws Exception {
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        MockHttpServletResponse last = null;
        for (int i = 0; i < 200; i++) {
            last = mvc.perform(get("/api/me").with(httpBasic("admin", "guess-" + i)).with(MovableThrottle.from("203.0.113.7")))
                    .andReturn().getResponse();
            statuses.merge(last.getStatus(), 1, Integer::sum);
        }
        assertThat(statuses).containsExactly(Map.entry(401, 10), Map.entry(429, 190));
        assertThat(last.getHeader("Retry-After")).isEqualTo("900");

        mvc.perform(get("/api/me").with(httpBasic("admin", "admin-pass")).with(MovableThrottle.from("198.51.100.1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "900"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.error").value("Too Many Requests"))
                .andExpect(jsonPath("$.rule").value("auth.throttled"))
                .andExpect(jsonPath("$.message").value("too many failed sign-ins: try again in 900 s"));
        mvc.perform(get("/api/me").with(httpBasic("auditor", "auditor-pass")).with(MovableThrottle.from("198.51.100.1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.user").value("auditor"));
        mvc.perform(get("/api/me").with(httpBasic("leader", "leader-pass")).with(MovableThrottle.from("203.0.113.7")))
                .andExpect(status().isOk());

        MovableThrottle.CLOCK.advance(Duration.ofMinutes(15));
        mvc.perform(get("/api/me").with(httpBasic("admin", "admin-pass")).with(MovableThrottle.from("198.51.100.1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.user").value("admin"));
    }

    @Test
    void oneAddressTryingManyNamesIsLocked() throws Exception {
        for (int i = 0; i < 50; i++) {
            mvc.perform(get("/api/me").with(httpBasic("user-" + i, "password")).with(MovableThrottle.from("192.0.2.99")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/me").with(httpBasic("supervisor", "supervisor-pass")).with(MovableThrottle.from("192.0.2.99")))
                .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.rule").value("auth.throttled"));
        mvc.perform(get("/api/me").with(httpBasic("supervisor", "supervisor-pass")).with(MovableThrottle.from("192.0.2.100")))
                .andExpect(status().isOk());
    }

    @Test
    void localUsersAreHashedWithBcryptCostAtLeastTen() {
        for (String name : new String[]{"admin", "auditor", "leader-kashgar"}) {
            Matcher hash = Pattern.compile("\\$2[aby]?\\$(\\d\\d)\\$.{53}")
                    .matcher(localUsers.loadUserByUsername(name).getPassword());
            assertThat(hash.matches()).as("a BCrypt hash for %s", name).isTrue();
            assertThat(Integer.parseInt(hash.group(1))).as("BCrypt cost of %s", name).isGreaterThanOrEqualTo(10);
        }
    }
}
