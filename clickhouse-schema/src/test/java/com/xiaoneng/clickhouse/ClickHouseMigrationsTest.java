package com.xiaoneng.clickhouse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cluster form of the single-node migrations: each generated statement is the single-node one with
 * only the cluster edits (the statements the hand-written cluster files of V1..V4 had, whitespace and
 * comments aside).
 */
class ClickHouseMigrationsTest {
    private static final String ON_CLUSTER = " ON CLUSTER '{cluster}'";
    private static final String REPLICA = "('/clickhouse/tables/{shard}/{database}/{table}', '{replica}'";

    @Test
    void eachTableBecomesAReplicatedLocalTableAndADistributedOneUnderItsName() {
        List<String> single = statements(1, false);
        List<String> cluster = statements(1, true);

        assertThat(cluster).hasSize(6);
        assertThat(cluster.get(0)).isEqualTo(single.get(0)
                .replace("db.case_events (", "db.case_events_local" + ON_CLUSTER + " (")
                .replace("ENGINE = ReplacingMergeTree PARTITION",
                        "ENGINE = ReplicatedReplacingMergeTree" + REPLICA + ") PARTITION"));
        assertThat(cluster.get(2)).isEqualTo(single.get(1)
                .replace("db.case_facts (", "db.case_facts_local" + ON_CLUSTER + " (")
                .replace("ENGINE = ReplacingMergeTree(version)",
                        "ENGINE = ReplicatedReplacingMergeTree" + REPLICA + ", version)"));
        assertThat(cluster.get(4)).isEqualTo(single.get(2)
                .replace("db.case_alerts (", "db.case_alerts_local" + ON_CLUSTER + " (")
                .replace("ENGINE = ReplacingMergeTree ORDER",
                        "ENGINE = ReplicatedReplacingMergeTree" + REPLICA + ") ORDER"));
        // every row of a case on one shard
        for (int i = 1; i < 6; i += 2) {
            String table = List.of("case_events", "case_facts", "case_alerts").get(i / 2);
            assertThat(cluster.get(i)).isEqualTo("CREATE TABLE IF NOT EXISTS db." + table + ON_CLUSTER
                    + " AS db." + table + "_local ENGINE = Distributed('{cluster}', 'db', '"
                    + table + "_local', cityHash64(case_id))");
        }
    }

    @Test
    void theRollupIsFilledOnEveryShardFromItsLocalEvents() {
        List<String> single = statements(2, false);
        List<String> cluster = statements(2, true);

        assertThat(cluster).hasSize(3);
        assertThat(cluster.get(0)).isEqualTo(single.get(0)
                .replace("db.case_daily_rollup (", "db.case_daily_rollup_local" + ON_CLUSTER + " (")
                .replace("ENGINE = AggregatingMergeTree PARTITION",
                        "ENGINE = ReplicatedAggregatingMergeTree" + REPLICA + ") PARTITION"));
        // no case_id column: the view fills each shard, the key only routes reads
        assertThat(cluster.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS db.case_daily_rollup" + ON_CLUSTER
                + " AS db.case_daily_rollup_local"
                + " ENGINE = Distributed('{cluster}', 'db', 'case_daily_rollup_local', rand())");
        assertThat(cluster.get(2)).isEqualTo(single.get(1)
                .replace("case_daily_rollup_mv TO db.case_daily_rollup AS",
                        "case_daily_rollup_mv" + ON_CLUSTER + " TO db.case_daily_rollup_local AS")
                .replace(" FROM db.case_events ", " FROM db.case_events_local "));
    }

    @Test
    void aColumnChangeGoesToTheLocalTableAndThenToItsDistributedTable() {
        assertThat(statements(4, true)).containsExactly(
                "ALTER TABLE db.case_facts_local" + ON_CLUSTER
                        + " MODIFY COLUMN suspended_working_days UInt32, MODIFY COLUMN extended_days UInt32",
                "ALTER TABLE db.case_facts" + ON_CLUSTER
                        + " MODIFY COLUMN suspended_working_days UInt32, MODIFY COLUMN extended_days UInt32");

        List<String> single = statements(3, false);
        List<String> cluster = statements(3, true);
        assertThat(cluster).hasSize(8);
        for (int i = 0; i < 3; i++) {
            String alter = single.get(i);
            String table = alter.substring("ALTER TABLE ".length(), alter.indexOf(" ADD COLUMN"));
            assertThat(cluster.subList(2 * i, 2 * i + 2)).containsExactly(
                    alter.replace(table, table + "_local" + ON_CLUSTER), alter.replace(table, table + ON_CLUSTER));
        }
        assertThat(cluster.get(6)).isEqualTo("DROP VIEW IF EXISTS db.case_daily_rollup_mv" + ON_CLUSTER + " SYNC");
        assertThat(cluster.get(7)).isEqualTo(single.get(4)
                .replace("case_daily_rollup_mv TO db.case_daily_rollup AS",
                        "case_daily_rollup_mv" + ON_CLUSTER + " TO db.case_daily_rollup_local AS")
                .replace(" FROM db.case_events ", " FROM db.case_events_local "));
    }

    @Test
    void theCountersAreReplicatedSumsKeepingTheirDeduplicationSettings() {
        List<String> single = statements(5, false);
        List<String> cluster = statements(5, true);

        assertThat(cluster).hasSize(4);
        for (int i = 0; i < 2; i++) {
            String table = List.of("case_counts", "case_counts_by_region").get(i);
            assertThat(cluster.get(2 * i)).isEqualTo(single.get(i)
                    .replace("db." + table + " (", "db." + table + "_local" + ON_CLUSTER + " (")
                    .replace("ENGINE = SummingMergeTree PARTITION",
                            "ENGINE = ReplicatedSummingMergeTree" + REPLICA + ") PARTITION"));
            assertThat(cluster.get(2 * i)).endsWith("SETTINGS non_replicated_deduplication_window = 10000");
            assertThat(cluster.get(2 * i + 1)).isEqualTo("CREATE TABLE IF NOT EXISTS db." + table + ON_CLUSTER
                    + " AS db." + table + "_local ENGINE = Distributed('{cluster}', 'db', '" + table + "_local', rand())");
        }
    }

    @Test
    void theOverdueChangesAreAReplicatedSumAndTheNewCountersGoToBothForms() {
        List<String> single = statements(6, false);
        List<String> cluster = statements(6, true);
        assertThat(cluster).hasSize(6);
        assertThat(cluster.get(0)).startsWith("CREATE TABLE IF NOT EXISTS db.case_overdue_changes_local" + ON_CLUSTER)
                .contains("ENGINE = ReplicatedSummingMergeTree" + REPLICA + ")")
                .endsWith("SETTINGS non_replicated_deduplication_window = 10000");
        assertThat(cluster.get(1)).endsWith("ENGINE = Distributed('{cluster}', 'db', 'case_overdue_changes_local', rand())");
        for (int i = 1; i < 3; i++) {
            String alter = single.get(i);
            String table = alter.substring("ALTER TABLE ".length(), alter.indexOf(" ADD COLUMN"));
            assertThat(cluster.subList(2 * i, 2 * i + 2)).containsExactly(
                    alter.replace(table, table + "_local" + ON_CLUSTER), alter.replace(table, table + ON_CLUSTER));
        }
    }

    @Test
    void aDroppedTableGoesInBothForms() {
        assertThat(statements(7, true)).containsExactly(
                "DROP VIEW IF EXISTS db.case_daily_rollup_mv" + ON_CLUSTER + " SYNC",
                "DROP TABLE IF EXISTS db.case_daily_rollup" + ON_CLUSTER + " SYNC",
                "DROP TABLE IF EXISTS db.case_daily_rollup_local" + ON_CLUSTER + " SYNC");
    }

    @Test
    void settingsAndProjectionsGoToTheLocalTablesOnly() {
        List<String> single = statements(8, false);
        List<String> cluster = statements(8, true);
        assertThat(cluster).hasSameSizeAs(single).hasSize(10);
        for (int i = 0; i < single.size(); i++) {
            String table = single.get(i).split(" ")[2];
            assertThat(cluster.get(i)).isEqualTo(single.get(i).replace(table, table + "_local" + ON_CLUSTER));
        }
        assertThat(single).contains("ALTER TABLE db.case_counts MATERIALIZE PROJECTION by_agency");
    }

    @Test
    void aClusterRecordsTheChecksumsOfTheSingleNodeFiles() {
        assertThat(ClickHouseMigrations.load("db", true)).extracting(ClickHouseMigrations.Migration::checksum)
                .containsExactlyElementsOf(ClickHouseMigrations.load("db", false).stream()
                        .map(ClickHouseMigrations.Migration::checksum).toList())
                .hasSize(9);
    }

    @Test
    void aStatementWithoutAClusterFormIsRefused() {
        for (String sql : List.of(
                "INSERT INTO ${database}.case_events (case_id) VALUES ('c')",
                "CREATE TABLE IF NOT EXISTS ${database}.scratch (x UInt8) ENGINE = Memory",
                "ALTER TABLE ${database}.case_events DELETE WHERE case_id = 'c'",
                "CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.v TO ${database}.t AS SELECT x FROM ${database}.a"
                        + " JOIN ${database}.b USING (case_id)")) {
            assertThatThrownBy(() -> ClickHouseMigrations.onCluster(sql))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no cluster form");
        }
    }

    /** Statements of migration {@code version} for database {@code db}, comments dropped, whitespace collapsed. */
    private static List<String> statements(int version, boolean cluster) {
        return ClickHouseMigrations.load("db", cluster).get(version - 1).statements().stream()
                .map(sql -> sql.replaceAll("--[^\\n]*", " ").replaceAll("\\s+", " ").strip()).toList();
    }
}
