package com.xiaoneng.dashboards;

import com.xiaoneng.dashboards.GrafanaExpansion.Range;
import com.xiaoneng.dashboards.GrafanaExpansion.Selection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expansion the query tests rely on, against the output examples of the plugin's macro table. */
class GrafanaExpansionTest {
    private static final Range RANGE = new Range(Instant.ofEpochSecond(1415792726), Instant.ofEpochSecond(1447328726),
            Duration.ofSeconds(20));
    private static final Map<String, Selection> NONE = Map.of();

    @Test
    void backendMacrosExpandAsThePluginDocumentsThem() {
        assertThat(GrafanaExpansion.expand("WHERE $__timeFilter(time)", NONE, RANGE))
                .isEqualTo("WHERE time >= toDateTime(1415792726) AND time <= toDateTime(1447328726)");
        assertThat(GrafanaExpansion.expand("$__fromTime, $__toTime", NONE, RANGE))
                .isEqualTo("toDateTime(1415792726), toDateTime(1447328726)");
        assertThat(GrafanaExpansion.expand("$__timeInterval(column)", NONE, RANGE))
                .isEqualTo("toStartOfInterval(toDateTime(column), INTERVAL 20 second)");
        Range october = new Range(Instant.parse("2022-10-21T08:00:00Z"), Instant.parse("2022-10-23T20:00:00Z"),
                Duration.ofMinutes(1));
        assertThat(GrafanaExpansion.expand("$__dateFilter(date)", NONE, october))
                .isEqualTo("date >= toDate('2022-10-21') AND date <= toDate('2022-10-23')");
    }

    /** Why the dashboards turn $__fromTime into local days instead of using $__dateFilter. */
    @Test
    void dateFilterWouldStartABeijingMonthOnTheDayBefore() {
        Range march = new Range(Instant.parse("2025-02-28T16:00:00Z"), Instant.parse("2025-03-31T15:59:59.999Z"),
                Duration.ofHours(1));
        assertThat(GrafanaExpansion.expand("$__dateFilter(day)", NONE, march))
                .isEqualTo("day >= toDate('2025-02-28') AND day <= toDate('2025-03-31')");
    }

    @Test
    void conditionalAllDropsTheConditionWhenAllIsSelected() {
        String sql = "WHERE $__conditionalAll(code IN (${v:singlequote}), $v) AND x = 1";
        assertThat(GrafanaExpansion.expand(sql, Map.of("v", Selection.all(List.of("a", "b", "c"))), RANGE))
                .isEqualTo("WHERE 1=1 AND x = 1");
        assertThat(GrafanaExpansion.expand(sql, Map.of("v", Selection.of("a", "b")), RANGE))
                .isEqualTo("WHERE code IN ('a','b') AND x = 1");
    }

    @Test
    void anythingLeftUnexpandedIsAnError() {
        assertThatThrownBy(() -> GrafanaExpansion.expand("$__unknownMacro", NONE, RANGE))
                .hasMessageContaining("$__unknownMacro");
        assertThatThrownBy(() -> GrafanaExpansion.expand("x IN (${undefined:singlequote})", NONE, RANGE))
                .hasMessageContaining("$undefined");
    }
}
