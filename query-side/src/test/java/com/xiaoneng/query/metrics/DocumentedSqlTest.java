package com.xiaoneng.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the SQL of docs/metrics.md ("Query-side metrics") as written and compares it with the API. */
class DocumentedSqlTest extends QuerySideTest {
    private static final Pattern BLOCK = Pattern.compile("```sql\\n-- name: (\\S+)\\n(.*?)```", Pattern.DOTALL);
    /** Which endpoint's total each documented query reproduces. */
    private static final Map<String, String> ENDPOINT = Map.of(
            "compliance", "compliance", "compliance-open-overdue", "compliance",
            "compliance-open-overdue-cases", "compliance", "cross-region", "cross-region", "ratings", "ratings");

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Test
    void documentedQueriesGiveTheApiNumbers() throws Exception {
        Map<String, String> queries = documented();
        assertThat(queries).containsOnlyKeys(ENDPOINT.keySet());
        for (List<String> period : List.of(List.of("2025-07-01", "2025-09-30"), List.of("2025-01-01", "2025-10-15"),
                List.of("2025-08-01", "2025-08-31"))) {
            Map<String, Object> params = Map.of("from", LocalDate.parse(period.get(0)), "to", LocalDate.parse(period.get(1)),
                    "region", "650000", "asOf", "2025-10-15 04:00:00.000");
            for (Map.Entry<String, String> query : queries.entrySet()) {
                JsonNode total = json("leader", "/api/metrics/" + ENDPOINT.get(query.getKey())
                        + "?from=" + period.get(0) + "&to=" + period.get(1)).get("total");
                Map<String, Object> row = new LinkedHashMap<>();
                jdbc.query(query.getValue(), params, rs -> {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                });
                assertThat(row).as(query.getKey()).isNotEmpty();
                row.forEach((column, value) -> {
                    JsonNode expected = total.get(column);
                    assertThat(expected).as(query.getKey() + "." + column + " is an API field").isNotNull();
                    if (value == null) {
                        assertThat(expected.isNull()).as(query.getKey() + "." + column + " " + period).isTrue();
                    } else {
                        assertThat(new BigDecimal(value.toString())).as(query.getKey() + "." + column + " " + period)
                                .isEqualByComparingTo(expected.decimalValue());
                    }
                });
            }
        }
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
