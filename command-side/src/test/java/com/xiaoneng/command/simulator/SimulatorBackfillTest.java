package com.xiaoneng.command.simulator;

import com.xiaoneng.command.CommandSideApplication;
import com.xiaoneng.localstack.simulator.CaseSimulator;
import com.xiaoneng.localstack.simulator.Config;
import com.xiaoneng.localstack.simulator.Stats;
import com.xiaoneng.localstack.simulator.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case simulator against the real command side (in-process, embedded PostgreSQL, sample catalog, default
 * ratings on): two weeks of 2025 are accepted without a single unexpected rejection, the command side's due
 * dates equal the simulator's own, and a re-run with the same seed stores nothing new.
 * (It lives here because local-stack builds before command-side and cannot depend on it.)
 */
class SimulatorBackfillTest {
    static ConfigurableApplicationContext app;
    static JdbcTemplate jdbc;
    static URI base;

    @BeforeAll
    static void start() throws IOException {
        Path dataDir = Files.createTempDirectory("simulator-test");
        int pgPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            pgPort = socket.getLocalPort();
        }
        app = new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--xiaoneng.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--xiaoneng.embedded-postgres.port=" + pgPort,
                // automatic steps of history recorded late wait this long for the real fact (default 5 minutes)
                "--xiaoneng.rules.late-fact-grace=PT3S");
        base = URI.create("http://127.0.0.1:" + app.getBean(Environment.class).getProperty("local.server.port"));
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void backfillTwoWeeksThenARerunStoresNothingNew() throws Exception {
        // 2025-03-03 .. 03-16: 10 working days at 18 cases, 4 weekend days at a quarter of that
        Config config = Config.fromEnvironment().withCommandUrl(base).withSeed(7)
                .withPeriod(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 16), 18);
        Stats first = CaseSimulator.backfill(config).await();

        assertThat(first.casesDone()).isEqualTo(10 * 18 + 4 * 5);
        assertThat(first.unexpectedRejections()).as(first.summary()).isZero();
        assertThat(first.failures()).as(first.summary()).isZero();
        assertThat(first.dueMismatches()).as(first.summary()).isZero();
        assertThat(first.replayed()).isZero();
        assertThat(first.sent(Step.Kind.SUBMIT)).isEqualTo(first.casesDone());
        long events = settledEventCount();
        assertThat(events).isGreaterThanOrEqualTo(first.sent());
        // unrated completions got the command side's default rating (and uncorrected deficiencies a revocation)
        long ratings = count("CaseRated");
        assertThat(ratings).isGreaterThan(first.sent(Step.Kind.RATE) - first.races().values().stream().mapToLong(Long::longValue).sum());
        long versions = jdbc.queryForObject("select count(*) from service_item_version", Long.class);

        Stats again = CaseSimulator.backfill(config).await();
        assertThat(again.sent()).isEqualTo(first.sent());
        assertThat(again.replayed()).as(again.summary()).isEqualTo(again.sent());
        assertThat(again.unexpectedRejections()).isZero();
        assertThat(settledEventCount()).isEqualTo(events);
        assertThat(count("CaseRated")).isEqualTo(ratings);
        assertThat(jdbc.queryForObject("select count(*) from service_item_version", Long.class)).isEqualTo(versions);
    }

    private static long count(String eventType) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ?", Long.class,
                "%" + eventType);
    }

    /** The event count once the deadline scheduler has nothing left to add (unchanged for 8 s). */
    private static long settledEventCount() throws InterruptedException {
        long count = -1;
        for (int stable = 0; stable < 8; ) {
            long now = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
            stable = now == count ? stable + 1 : 0;
            count = now;
            Thread.sleep(1000);
        }
        return count;
    }
}
