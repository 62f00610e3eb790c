package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.streaming.counts.Counter;
import com.xiaoneng.streaming.counts.CountRow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the exactly-once sink stages: summed rows, tokens, parts, TabSeparated text, and its checkpoint form. */
class StagingWriterTest {
    private static CountRow row(int day, String region, String agency, long submitted) {
        CountRow row = new CountRow();
        row.day = day;
        row.handlingRegion = region;
        row.agencyCode = agency;
        row.counts[Counter.SUBMITTED.ordinal()] = submitted;
        return row;
    }

    @Test
    void rowsOfOneKeyAreSummedRowsThatNetToNothingAreLeftOutAndEachCheckpointIsANewBatch() {
        StagingWriter<CountRow> writer = new StagingWriter<>("db", CaseCountsTable.byRegion(), "job/case_counts_by_region/1", 7);
        writer.write(row(20150, "650102", "a", 1), null);
        writer.write(row(20150, "650102", "b", 2), null); // another agency: one row in the coarser table
        writer.write(row(20151, "650103", "a", 1), null);
        writer.write(row(20151, "650103", "a", -1), null);
        List<StagedInsert> first = List.copyOf(writer.prepareCommit());
        assertThat(first).singleElement().satisfies(insert -> {
            assertThat(insert.token()).isEqualTo("job/case_counts_by_region/1/8/0");
            assertThat(insert.rows()).isEqualTo(1);
            assertThat(new String(insert.body(), StandardCharsets.UTF_8))
                    .isEqualTo("2025-03-03\t650000\t650100\t650102\t\t3" + "\t0".repeat(Counter.values().length - 1) + "\n");
            assertThat(insert.sql()).startsWith("INSERT INTO db.case_counts_by_region (day, handling_province,")
                    .endsWith(") FORMAT TabSeparated");
        });
        assertThat(writer.prepareCommit()).isEmpty();
        writer.write(row(20150, "650102", "a", 1), null);
        assertThat(writer.prepareCommit()).extracting(StagedInsert::token).containsExactly("job/case_counts_by_region/1/10/0");
    }

    @Test
    void aLargeCheckpointIsStagedInPartsOfBoundedSize() {
        StagingWriter<CountRow> writer = new StagingWriter<>("db", CaseCountsTable.all(), "j/case_counts/0", 0);
        for (int i = 0; i < StagingWriter.PART_ROWS + 5; i++) {
            writer.write(row(20150, "650102", "agency-" + i, 1), null);
        }
        assertThat(writer.prepareCommit()).extracting(StagedInsert::token, StagedInsert::rows).containsExactly(
                org.assertj.core.groups.Tuple.tuple("j/case_counts/0/1/0", StagingWriter.PART_ROWS),
                org.assertj.core.groups.Tuple.tuple("j/case_counts/0/1/1", 5));
    }

    @Test
    void valuesAreEscapedAsTabSeparatedWants() {
        StringBuilder text = new StringBuilder();
        HttpInserter.escape(text, "a\tb\\c\nd\re");
        text.append('|');
        HttpInserter.escape(text, null);
        assertThat(text).hasToString("a\\tb\\\\c\\nd\\re|\\N");
    }

    @Test
    void aStagedInsertSurvivesItsCheckpointFormByteForByte() throws Exception {
        StagedInsert insert = new StagedInsert("db", "case_counts", List.of("day", "submitted"),
                "2025-03-03\t1\n".getBytes(StandardCharsets.UTF_8), 1, "job/case_counts/0/3/0");
        StagedInsert.Serializer serializer = new StagedInsert.Serializer();
        StagedInsert back = serializer.deserialize(serializer.getVersion(), serializer.serialize(insert));
        assertThat(back).usingRecursiveComparison().isEqualTo(insert);
        assertThatThrownBy(() -> serializer.deserialize(2, serializer.serialize(insert)))
                .hasMessageContaining("unknown StagedInsert version 2");
    }

    @Test
    void theHttpEndpointIsReadFromTheJdbcUrl() {
        assertThat(ClickHouseSettings.of("jdbc:clickhouse://127.0.0.1:18123/default", "u", "", "db").httpEndpoint())
                .hasToString("http://127.0.0.1:18123/");
        assertThat(ClickHouseSettings.of("jdbc:ch:https://ch.example:8443/xn", "u", "", "db").httpEndpoint())
                .hasToString("https://ch.example:8443/");
        assertThat(ClickHouseSettings.of("jdbc:clickhouse://ch.example/xn?ssl=true", "u", "", "db").httpEndpoint())
                .hasToString("https://ch.example:8443/");
        assertThatThrownBy(() -> ClickHouseSettings.of("jdbc:clickhouse:", "u", "", "db").httpEndpoint())
                .hasMessageContaining("--clickhouse-url must name a host");
    }
}
