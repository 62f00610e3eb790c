package com.xiaoneng.command.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    @Test
    void recordsKeepTheLineTheyStartOn() throws Exception {
        List<CsvReader.Record> records = CsvReader.read("a,b\r\n\r\n\"x\ny\",\"say \"\"hi\"\"\"\n,\nlast");

        assertThat(records).containsExactly(
                new CsvReader.Record(1, List.of("a", "b")),
                new CsvReader.Record(3, List.of("x\ny", "say \"hi\"")),
                new CsvReader.Record(5, List.of("", "")),
                new CsvReader.Record(6, List.of("last")));
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpensOn() {
        assertThatThrownBy(() -> CsvReader.read("a\n\"b\nc"))
                .isInstanceOfSatisfying(CsvReader.MalformedCsvException.class, e -> assertThat(e.line()).isEqualTo(2));
    }
}
