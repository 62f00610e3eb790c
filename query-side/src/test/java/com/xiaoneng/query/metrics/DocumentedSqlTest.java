package com.xiaoneng.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.clickhouse.ClickHouseText;
import com.xiaoneng.clickhouse.MetricSql;
import com.xiaoneng.query.clickhouse.ClickHouseTables;
import com.xiaoneng.query.testing.QuerySideTest;
import com.xiaoneng.query.web.CaseFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/metrics.md ("Query-side metrics") shows the SQL the API sends: each block is, token for token, what
 * {@link MetricsQueries} builds for a province-wide request without grouping, and run as written its sums are the
 * API's numbers.
 */
class DocumentedSqlTest extends QuerySideTest {
    private static final Pattern BLOCK = Pattern.compile("```sql\\n-- name: (\\S+)\\n(.*?)```", Pattern.DOTALL);
    private static final Instant AS_OF = Instant.parse("2025-10-15T04:00:00Z");
    /** Columns whose API field is not their camelCase name. */
    private static final Map<String, String> FIELDS = Map.of("submitted_cases", "submitted");

    @Autowired
    NamedParameterJdbcTemplate jdbc;
    @Autowired
    MetricsQueries queries;
    @Autowired
    ClickHouseTables tables;

    private record Documented(String endpoint, Function<Map<String, Object>, String> sql) {
    }

    private Map<String, Documented> generated(CaseFilter filter) {
        Map<String, Documented> queries = new LinkedHashMap<>();
        queries.put("compliance", new Documented("compliance",
                params -> this.queries.complianceSql(filter, GroupBy.NONE, GroupBy.NONE, params)));
        // the audit list's condition, case by case: the same number as the counters' open overdue
        queries.put("compliance-open-overdue-cases", new Documented("compliance",
                params -> "SELECT count() AS open_overdue FROM " + tables.caseFacts() + " FINAL WHERE "
                        + MetricSql.openOverdue(MetricSql.instantParameter("asOf")) + " AND " + filter.where(params)));
        queries.put("cross-region", new Documented("cross-region",
                params -> this.queries.crossRegionSql(filter, GroupBy.NONE, params)));
        queries.put("ratings", new Documented("ratings", params -> this.queries.ratingsSql(filter, GroupBy.NONE, params)));
        return queries;
    }

    @Test
    void theDocumentedQueriesAreTheOnesTheApiSendsAndGiveItsNumbers() throws Exception {
        Map<String, String> documented = documented();
        for (List<String> period : List.of(List.of("2025-07-01", "2025-09-30"), List.of("2025-01-01", "2025-10-15"),
                List.of("2025-08-01", "2025-08-31"))) {
            CaseFilter filter = new CaseFilter(LocalDate.parse(period.get(0)), LocalDate.parse(period.get(1)),
                    "650000", "650000", null, null, null);
            Map<String, Documented> generated = generated(filter);
            assertThat(documented).containsOnlyKeys(generated.keySet());
            for (Map.Entry<String, Documented> query : generated.entrySet()) {
                Map<String, Object> params = new HashMap<>();
                params.put("asOf", ClickHouseText.instant(AS_OF));
                String sql = query.getValue().sql().apply(params);
                assertThat(tokens(documented.get(query.getKey())))
                        .as("docs/metrics.md, block " + query.getKey() + ", should read:\n" + sql)
                        .isEqualTo(tokens(sql));
                JsonNode total = json("leader", "/api/metrics/" + query.getValue().endpoint() + "?from=" + period.get(0)
                        + "&to=" + period.get(1) + "&asOf=" + AS_OF).get("total");
                Map<String, Long> sums = sums(sql, params);
                assertThat(sums).as(query.getKey()).isNotEmpty();
                sums.forEach((column, sum) -> {
                    String what = query.getKey() + "." + column + " " + period;
                    if (column.equals("working_days")) {
                        long completed = sums.get("completed");
                        assertThat(completed == 0 ? null : BigDecimal.valueOf(sum)
                                .divide(BigDecimal.valueOf(completed), 2, RoundingMode.HALF_UP))
                                .as(what).isEqualByComparingTo(total.get("avgWorkingDays").decimalValue());
                    } else {
                        JsonNode expected = total.get(FIELDS.getOrDefault(column, camel(column)));
                        assertThat(expected).as(what + " is an API field").isNotNull();
                        assertThat(sum).as(what).isEqualTo(expected.longValue());
                    }
                });
            }
        }
    }

    /** Each column summed over the rows (the groups); a query without grouping has one row. */
    private Map<String, Long> sums(String sql, Map<String, Object> params) {
        Map<String, Long> sums = new LinkedHashMap<>();
        jdbc.query(sql, params, rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!meta.getColumnLabel(i).equals("key")) {
                    sums.merge(meta.getColumnLabel(i), rs.getLong(i), Long::sum);
                }
            }
        });
        return sums;
    }

    private static String camel(String column) {
        StringBuilder name = new StringBuilder();
        for (String part : column.split("_")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    /** The statement as tokens: line breaks and indentation in the docs are layout only. */
    private static List<String> tokens(String sql) {
        return List.of(sql.replaceAll("([(),])", " $1 ").strip().split("\\s+"));
    }

    private static Map<String, String> documented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        String section = doc.substring(doc.indexOf("## Query-side metrics"));
        int next = section.indexOf("\n## ", 5);
        section = next < 0 ? section : section.substring(0, next);
        Map<String, String> queries = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(section);
        while (m.find()) {
            queries.put(m.group(1), m.group(2));
        }
        return queries;
    }
}
