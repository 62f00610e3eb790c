package com.xiaoneng.localstack;

import com.xiaoneng.localstack.LocalStackStatus.State;
import com.xiaoneng.chdb.ClickHouseUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's settings, its backfill-once marker and the guide printed after the start. */
class DemoTrafficTest {
    static final DemoTraffic.Settings DEFAULTS = DemoTraffic.Settings.fromEnv(Map.of());

    @Test
    void settingsFromTheEnvironment() {
        assertThat(DEFAULTS).isEqualTo(new DemoTraffic.Settings(true, 5, 60, 50, 20251));
        assertThat(DemoTraffic.Settings.fromEnv(Map.of("SIMULATE", "OFF")).enabled()).isFalse();
        assertThat(DemoTraffic.Settings.fromEnv(Map.of("SIMULATE_RATE", "2.5", "SIMULATE_SPEEDUP", "1",
                "BACKFILL_CASES_PER_DAY", "0", "SIMULATE_SEED", "7")))
                .isEqualTo(new DemoTraffic.Settings(true, 2.5, 1, 0, 7));
        assertThatThrownBy(() -> DemoTraffic.Settings.fromEnv(Map.of("SIMULATE", "maybe"))).hasMessageContaining("SIMULATE");
        assertThatThrownBy(() -> DemoTraffic.Settings.fromEnv(Map.of("SIMULATE_RATE", "0"))).hasMessageContaining("SIMULATE_RATE");
        assertThatThrownBy(() -> DemoTraffic.Settings.fromEnv(Map.of("SIMULATE_RATE", "fast"))).hasMessageContaining("SIMULATE_RATE");
        assertThatThrownBy(() -> DemoTraffic.Settings.fromEnv(Map.of("BACKFILL_CASES_PER_DAY", "1.5"))).hasMessageContaining("BACKFILL_CASES_PER_DAY");
        assertThatThrownBy(() -> DemoTraffic.Settings.fromEnv(Map.of("SIMULATE_SEED", "x"))).hasMessageContaining("SIMULATE_SEED");
    }

    @Test
    void theBackfillPeriodIsFixedAtTheFirstStartAndDoneOnce(@TempDir Path dataDir) {
        LocalDate firstStart = LocalDate.of(2026, 11, 27);
        DemoTraffic.Period period = DemoTraffic.pendingBackfill(dataDir, DEFAULTS, firstStart).orElseThrow();
        assertThat(period).isEqualTo(new DemoTraffic.Period(LocalDate.of(2025, 11, 27), LocalDate.of(2026, 11, 26), 50, 20251));
        assertThat(dataDir.resolve("simulator").resolve(DemoTraffic.PERIOD_FILE)).exists();

        // interrupted, started again days later with other settings: the same cases are resumed
        DemoTraffic.Settings other = DemoTraffic.Settings.fromEnv(Map.of("BACKFILL_CASES_PER_DAY", "500"));
        assertThat(DemoTraffic.pendingBackfill(dataDir, other, firstStart.plusDays(3))).contains(period);

        DemoTraffic.markBackfillDone(dataDir, period);
        assertThat(DemoTraffic.pendingBackfill(dataDir, DEFAULTS, firstStart.plusDays(4))).isEmpty();
    }

    @Test
    void noBackfillWhenSwitchedOff(@TempDir Path dataDir) {
        DemoTraffic.Settings none = DemoTraffic.Settings.fromEnv(Map.of("BACKFILL_CASES_PER_DAY", "0"));
        assertThat(DemoTraffic.pendingBackfill(dataDir, none, LocalDate.of(2026, 11, 27))).isEmpty();
        assertThat(dataDir.resolve("simulator").resolve(DemoTraffic.PERIOD_FILE)).doesNotExist();
    }

    @Test
    void theGuideNamesWhatRuns() {
        List<LocalStackStatus> statuses = List.of(
                new LocalStackStatus("clickhouse", State.UP, "http://127.0.0.1:18123", null),
                new LocalStackStatus("command-side", State.UP, "http://127.0.0.1:18080", null),
                new LocalStackStatus("query-side", State.UP, "http://127.0.0.1:18081", null));
        LocalStackConfig config = LocalStackConfig.fromEnv(Map.of("DATA_DIR", "/data", "APP_DIR", "/repo"));
        Map<String, ClickHouseUser> users = new LinkedHashMap<>();
        users.put("streaming", ClickHouseUser.writer("default", "w"));
        users.put("query-side", ClickHouseUser.readOnly("query_side", "q", "xiaoneng.report_exports"));
        users.put("grafana", ClickHouseUser.readOnly("reader", "r"));
        String guide = StartGuide.text(statuses, Map.of(), users, config, DEFAULTS);
        assertThat(guide)
                .contains("command side  http://127.0.0.1:18080")
                .contains("workbench     http://127.0.0.1:18081/workbench/")
                .contains("ClickHouse    http://127.0.0.1:18123  (HTTP, database xiaoneng)")
                .contains("default      writer (streaming), password in /data/clickhouse.password")
                .contains("query_side   read-only + xiaoneng.report_exports (query-side), password in"
                        + " /data/clickhouse-query-side.password")
                .contains("reader       read-only (grafana), password in /data/clickhouse-reader.password")
                .contains("GF_PATHS_PROVISIONING=/repo/dashboards/provisioning CLICKHOUSE_HOST=127.0.0.1 CLICKHOUSE_PORT=18123"
                        + " CLICKHOUSE_USER=reader CLICKHOUSE_PASSWORD=\"$(cat /data/clickhouse-reader.password)\""
                        + " CLICKHOUSE_DATABASE=xiaoneng")
                .doesNotContain("=w ").doesNotContain("=r ")
                .contains("leader-kashgar, agency-kashgar")
                .contains("simulated cases at 5 commands/s");

        String outside = StartGuide.text(List.of(new LocalStackStatus("query-side", State.DOWN, "http://127.0.0.1:1", null)),
                Map.of("CLICKHOUSE_URL", "jdbc:clickhouse://ch.internal:8443/xiaoneng", "CLICKHOUSE_USER", "ro"), Map.of(),
                config, DemoTraffic.Settings.fromEnv(Map.of("SIMULATE", "off")));
        assertThat(outside).doesNotContain("workbench").doesNotContain("command side")
                .contains("ClickHouse    http://ch.internal:8443").contains("CLICKHOUSE_USER=ro CLICKHOUSE_PASSWORD=''")
                .contains("none (SIMULATE=off)");
    }
}
