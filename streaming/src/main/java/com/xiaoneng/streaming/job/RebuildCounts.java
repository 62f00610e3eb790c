package com.xiaoneng.streaming.job;

import com.xiaoneng.clickhouse.CounterSql;
import com.xiaoneng.streaming.clickhouse.ClickHouseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;

/**
 * The upgrade step of docs/metrics.md ("Upgrade from the tables before V5, or before V9"): applies the migrations,
 * then fills the sums ({@code CounterSql.TABLES}) once from case_facts. Refuses when any of them holds rows. Run with the job stopped (from a savepoint it is then resumed), with the job's own settings:
 * {@code java -cp streaming.jar com.xiaoneng.streaming.job.RebuildCounts [the job's options]}.
 */
public final class RebuildCounts {
    private static final Logger LOG = LoggerFactory.getLogger(RebuildCounts.class);

    private RebuildCounts() {
    }

    public static void main(String[] args) throws Exception {
        ClickHouseSettings settings = StreamingConfig.from(args, System.getenv()).clickHouse();
        StreamingMain.migrate(settings);
        try (Connection connection = StreamingMain.connect(settings)) {
            long start = System.nanoTime();
            CounterSql.rebuild(connection, settings.database());
            LOG.info("counters of {} rebuilt from case_facts in {} ms", settings.database(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
