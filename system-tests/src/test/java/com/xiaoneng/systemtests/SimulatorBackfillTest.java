package com.xiaoneng.systemtests;

import com.xiaoneng.demo.simulator.CaseSimulator;
import com.xiaoneng.demo.simulator.Config;
import com.xiaoneng.demo.simulator.Stats;
import com.xiaoneng.demo.simulator.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case simulator against the real command side (its jar, embedded PostgreSQL, sample catalog, default ratings
 * on): two weeks of 2025 are accepted without a single unexpected rejection, the command side's due dates equal the
 * simulator's own, and a re-run with the same seed stores nothing new.
 */
class SimulatorBackfillTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static CommandSide commandSide;
    static Connection eventStore;

    @BeforeAll
    static void start() throws Exception {
        // automatic steps of history recorded late wait 3 s for the real fact (default 5 minutes)
        commandSide = CommandSide.start(dir, "127.0.0.1:1", "PT3S",
                Map.of("xiaoneng.catalog.seed-sample", "true", "xiaoneng.publishing.enabled", "false"));
        eventStore = commandSide.eventStore();
    }

    @AfterAll
    static void stop() throws Exception {
        if (eventStore != null) {
            eventStore.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
    }

    @Test
    void backfillTwoWeeksThenARerunStoresNothingNew() throws Exception {
        // 2025-03-03 .. 03-16: 10 working days at 18 cases, 4 weekend days at a quarter of that
        Config config = Config.fromEnvironment().withCommandUrl(commandSide.url()).withSeed(7)
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
        long versions = countRows("select count(*) from service_item_version");

        Stats again = CaseSimulator.backfill(config).await();
        assertThat(again.sent()).isEqualTo(first.sent());
        assertThat(again.replayed()).as(again.summary()).isEqualTo(again.sent());
        assertThat(again.unexpectedRejections()).isZero();
        assertThat(settledEventCount()).isEqualTo(events);
        assertThat(count("CaseRated")).isEqualTo(ratings);
        assertThat(countRows("select count(*) from service_item_version")).isEqualTo(versions);
    }

    private static long count(String eventType) throws SQLException {
        return countRows("select count(*) from domain_event_entry where payload_type like '%" + eventType + "'");
    }

    private static long countRows(String sql) throws SQLException {
        try (Statement statement = eventStore.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The event count once the deadline scheduler has nothing left to add (unchanged for 8 s). */
    private static long settledEventCount() throws InterruptedException, SQLException {
        long count = -1;
        for (int stable = 0; stable < 8; ) {
            long now = countRows("select count(*) from domain_event_entry");
            stable = now == count ? stable + 1 : 0;
            count = now;
            Thread.sleep(1000);
        }
        return count;
    }
}
