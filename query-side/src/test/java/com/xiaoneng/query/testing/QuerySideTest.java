package com.xiaoneng.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Clock;
import java.time.ZoneOffset;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Base of the HTTP tests: the query side on MockMvc over the seeded chDB endpoint, the clock at
 * {@link SeedData#NOW}. All subclasses share one application context.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(QuerySideTest.FixedClock.class)
public abstract class QuerySideTest {
    /** Reads decimals as written, so that "0.7500" shows the 4 decimals the API promises. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Autowired
    protected MockMvc mvc;

    @DynamicPropertySource
    static void clickHouse(DynamicPropertyRegistry registry) {
        registry.add("xiaoneng.clickhouse.url", () -> TestClickHouse.seeded().url());
        // as the local-stack launcher hands every app the command side's PostgreSQL: must be ignored
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:1/not-for-the-query-side");
        registry.add("xiaoneng.clickhouse.database", () -> TestClickHouse.DATABASE);
    }

    /** GET as a local user (password {@code <user>-pass}). */
    protected ResultActions as(String user, String uri, Object... variables) throws Exception {
        return mvc.perform(get(uri, variables).with(httpBasic(user, user + "-pass")));
    }

    /** GET as a local user, expecting 200, and the body as JSON. */
    protected JsonNode json(String user, String uri, Object... variables) throws Exception {
        String body = as(user, uri, variables).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        return JSON.readTree(body);
    }

    /** The rows of a metrics answer as "key=a,b,c" lines of the given fields, for compact comparisons. */
    protected static java.util.List<String> rows(JsonNode answer, String... fields) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (JsonNode row : answer.get("rows")) {
            lines.add(line(row, fields));
        }
        return lines;
    }

    protected static String line(JsonNode row, String... fields) {
        StringBuilder line = new StringBuilder(row.get("key").isNull() ? "total" : row.get("key").asText()).append('=');
        for (int i = 0; i < fields.length; i++) {
            line.append(i == 0 ? "" : ",").append(row.get(fields[i]).isNull() ? "null" : row.get(fields[i]).asText());
        }
        return line.toString();
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(SeedData.NOW, ZoneOffset.UTC);
        }
    }
}
