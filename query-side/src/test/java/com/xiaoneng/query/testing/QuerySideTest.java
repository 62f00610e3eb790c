package com.xiaoneng.query.testing;

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

/**
 * Base of the HTTP tests: the query side on MockMvc over the seeded chDB endpoint, the clock at
 * {@link SeedData#NOW}. All subclasses share one application context.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(QuerySideTest.FixedClock.class)
public abstract class QuerySideTest {
    @Autowired
    protected MockMvc mvc;

    @DynamicPropertySource
    static void clickHouse(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestClickHouse.seeded().url());
        registry.add("xiaoneng.clickhouse.database", () -> TestClickHouse.DATABASE);
    }

    /** GET as a local user (password {@code <user>-pass}). */
    protected ResultActions as(String user, String uri, Object... variables) throws Exception {
        return mvc.perform(get(uri, variables).with(httpBasic(user, user + "-pass")));
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
