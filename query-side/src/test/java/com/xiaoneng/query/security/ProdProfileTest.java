package com.xiaoneng.query.security;

import com.xiaoneng.query.QuerySideApplication;
import com.xiaoneng.query.testing.TestClickHouse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Profile prod: bearer JWTs whose roles and region come from the configured claims (here "groups"
 * and "adcode", to show they are configurable); no HTTP Basic; and no start at all with local users.
 * The identity provider is replaced by a decoder that knows a few fixed tokens.
 */
@SpringBootTest(properties = {"xiaoneng.security.jwt.roles-claim=groups", "xiaoneng.security.jwt.region-claim=adcode"})
@AutoConfigureMockMvc
@ActiveProfiles("prod")
@Import(ProdProfileTest.Tokens.class)
class ProdProfileTest {
    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void clickHouse(DynamicPropertyRegistry registry) {
        registry.add("xiaoneng.clickhouse.url", () -> TestClickHouse.seeded().url());
    }

    @TestConfiguration
    static class Tokens {
        @Bean
        JwtDecoder tokens() {
            Map<String, Map<String, Object>> claims = Map.of(
                    "kashgar-leader", Map.of("sub", "li", "groups", List.of("LEADER"), "adcode", "653100"),
                    "xinjiang-auditor", Map.of("sub", "wang", "groups", "AUDITOR", "adcode", "650000"),
                    "no-region", Map.of("sub", "zhao", "groups", List.of("LEADER")));
            return token -> {
                Map<String, Object> known = claims.get(token);
                if (known == null) {
                    throw new BadJwtException("unknown token");
                }
                return new Jwt(token, Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "none"), known);
            };
        }
    }

    @Test
    void rolesAndRegionFromClaims() throws Exception {
        mvc.perform(get("/api/metrics/compliance?from=2025-07-01&to=2025-09-30").header("Authorization", "Bearer kashgar-leader"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.filters.region").value("653100"))
                .andExpect(jsonPath("$.total.completed").value(5));
        mvc.perform(get("/api/metrics/compliance?region=650100").header("Authorization", "Bearer kashgar-leader"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/poor-ratings").header("Authorization", "Bearer kashgar-leader"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/poor-ratings").header("Authorization", "Bearer xinjiang-auditor"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(5));
        // a token without a region sees nothing
        mvc.perform(get("/api/metrics/compliance").header("Authorization", "Bearer no-region"))
                .andExpect(status().isForbidden());
    }

    @Test
    void noTokenOrBasicIs401() throws Exception {
        mvc.perform(get("/api/metrics/compliance")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")));
        mvc.perform(get("/api/metrics/compliance").header("Authorization", "Bearer forged")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/metrics/compliance").with(httpBasic("leader", "leader-pass"))).andExpect(status().isUnauthorized());
    }

    @Test
    void refusesToStartWithLocalUsers() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(QuerySideApplication.class)
                .profiles("prod")
                .properties("server.port=0");
        // nothing listens at this URL: the guard must stop the start before any connection
        assertThatThrownBy(() -> app.run("--xiaoneng.security.local-users.enabled=true",
                "--xiaoneng.clickhouse.url=jdbc:clickhouse://127.0.0.1:9/default")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("profile prod must not run with local users");
    }
}
