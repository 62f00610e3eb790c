package com.xiaoneng.query.security;

import com.xiaoneng.web.security.LoginThrottle;
import com.xiaoneng.query.testing.QuerySideTest;
import com.xiaoneng.web.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

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
@Import(LoginThrottleHttpTest.MovableThrottle.class)
class LoginThrottleHttpTest extends QuerySideTest {
    static final MovableClock CLOCK = new MovableClock();

    @Autowired
    UserDetailsService localUsers;

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableThrottle {
        @Bean
        @Primary
        LoginThrottle movableLoginThrottle(SecurityProperties properties) {
            return new LoginThrottle(properties.loginThrottle(), CLOCK);
        }
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void twoHundredWrongPasswordsForAdmin() throws Exception {
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        MockHttpServletResponse last = null;
        for (int i = 0; i < 200; i++) {
            last = mvc.perform(get("/api/me").with(httpBasic("admin", "guess-" + i)).with(from("203.0.113.7")))
                    .andReturn().getResponse();
            statuses.merge(last.getStatus(), 1, Integer::sum);
        }
        assertThat(statuses).containsExactly(Map.entry(401, 10), Map.entry(429, 190));
        assertThat(last.getHeader("Retry-After")).isEqualTo("900");

        mvc.perform(get("/api/me").with(httpBasic("admin", "admin-pass")).with(from("198.51.100.1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "900"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.error").value("Too Many Requests"))
                .andExpect(jsonPath("$.rule").value("auth.throttled"))
                .andExpect(jsonPath("$.message").value("too many failed sign-ins: try again in 900 s"));
        mvc.perform(get("/api/me").with(httpBasic("auditor", "auditor-pass")).with(from("198.51.100.1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.user").value("auditor"));
        mvc.perform(get("/api/me").with(httpBasic("leader", "leader-pass")).with(from("203.0.113.7")))
                .andExpect(status().isOk());

        CLOCK.advance(Duration.ofMinutes(15));
        mvc.perform(get("/api/me").with(httpBasic("admin", "admin-pass")).with(from("198.51.100.1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.user").value("admin"));
    }

    @Test
    void oneAddressTryingManyNamesIsLocked() throws Exception {
        for (int i = 0; i < 50; i++) {
            mvc.perform(get("/api/me").with(httpBasic("user-" + i, "password")).with(from("192.0.2.99")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/me").with(httpBasic("supervisor", "supervisor-pass")).with(from("192.0.2.99")))
                .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.rule").value("auth.throttled"));
        mvc.perform(get("/api/me").with(httpBasic("supervisor", "supervisor-pass")).with(from("192.0.2.100")))
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
