package com.xiaoneng.query.security;

import com.xiaoneng.query.testing.QuerySideTest;
import com.xiaoneng.web.security.CachingAuthenticationProvider;
import com.xiaoneng.web.security.Role;
import com.xiaoneng.web.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** HTTP Basic checks remembered for a while: BCrypt once per credentials and TTL, wrong passwords always refused. */
class BasicAuthCacheTest extends QuerySideTest {
    final AtomicInteger bcryptChecks = new AtomicInteger();
    final MovableClock clock = new MovableClock();

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

    CachingAuthenticationProvider provider(Duration ttl) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcryptChecks.incrementAndGet();
                return bcrypt.matches(raw, encoded);
            }
        };
        Map<String, RegionalUser> users = Map.of(
                "leader-kashgar", new RegionalUser("leader-kashgar", bcrypt.encode("leader-kashgar-pass"), Role.LEADER, "653100"),
                "auditor", new RegionalUser("auditor", bcrypt.encode("auditor-pass"), Role.AUDITOR, "650000"));
        UserDetailsService service = name -> users.get(name).copy();
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(service);
        dao.setPasswordEncoder(counting);
        return new CachingAuthenticationProvider(dao, ttl, 100, clock);
    }

    static Authentication basic(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }

    @Test
    void bcryptOncePerCredentialsAndTtlKeepingTheRegion() {
        CachingAuthenticationProvider provider = provider(Duration.ofMinutes(5));
        for (int i = 0; i < 100; i++) {
            Authentication result = provider.authenticate(basic("leader-kashgar", "leader-kashgar-pass"));
            assertThat(((RegionalUser) result.getPrincipal()).region()).isEqualTo("653100");
            assertThat(result.getAuthorities()).extracting(Object::toString).isEqualTo(List.of("ROLE_LEADER"));
        }
        assertThat(bcryptChecks).hasValue(1);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(basic("leader-kashgar", "auditor-pass")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(bcryptChecks).hasValue(4);
        clock.advance(Duration.ofMinutes(5));
        provider.authenticate(basic("leader-kashgar", "leader-kashgar-pass"));
        assertThat(bcryptChecks).hasValue(5);
    }
}
