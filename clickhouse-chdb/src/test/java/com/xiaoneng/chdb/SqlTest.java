package com.xiaoneng.chdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTest {

    private static Sql.Statement parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Sql.parse(bytes, bytes.length);
    }

    @Test
    void insertWithFormatStartsDataAfterTheFirstNewline() {
        String text = "INSERT INTO t (a, b) FORMAT RowBinary\n \u0001\u0002";
        Sql.Insert insert = (Sql.Insert) parse(text);
        assertThat(insert.query()).isEqualTo("INSERT INTO t (a, b) ");
        assertThat(insert.format()).isEqualTo("RowBinary");
        assertThat(text.substring(insert.dataOffset())).isEqualTo(" \u0001\u0002");
    }

    @Test
    void insertWithoutNewlineSkipsAllBlanks() {
        String text = "insert into t format CSV   1,2";
        Sql.Insert insert = (Sql.Insert) parse(text);
        assertThat(insert.format()).isEqualTo("CSV");
        assertThat(text.substring(insert.dataOffset())).isEqualTo("1,2");
    }

    @Test
    void valuesIgnoresKeywordsInStringsCommentsAndParentheses() {
        String text = "INSERT /* VALUES */ INTO `values` (\"format\", b) -- FORMAT x\n VALUES ('FORMAT', 1)";
        Sql.Insert insert = (Sql.Insert) parse(text);
        assertThat(insert.format()).isEqualTo("Values");
        assertThat(insert.query()).endsWith("\n ");
        assertThat(text.substring(insert.dataOffset())).isEqualTo("('FORMAT', 1)");
    }

    @Test
    void insertSelectHasNoData() {
        assertThat(parse("INSERT INTO t SELECT * FROM s FORMAT TSV")).isInstanceOf(Sql.Plain.class);
    }

    @Test
    void insertInQueryParameterTakesTheBodyAsTabSeparated() {
        byte[] text = "INSERT INTO t\n1\tx\n".getBytes(StandardCharsets.UTF_8);
        Sql.Insert insert = (Sql.Insert) Sql.parse(text, "INSERT INTO t\n".length());
        assertThat(insert.query()).isEqualTo("INSERT INTO t");
        assertThat(insert.format()).isEqualTo("TabSeparated");
        assertThat(insert.dataOffset()).isEqualTo("INSERT INTO t\n".length());
    }

    @Test
    void trailingFormatIsReported() {
        assertThat(((Sql.Plain) parse("SELECT format FROM t FORMAT JSONEachRow;")).format()).isEqualTo("JSONEachRow");
        assertThat(((Sql.Plain) parse("SELECT 'FORMAT JSON', format FROM t")).format()).isNull();
        assertThat(((Sql.Plain) parse("SELECT count() FROM (SELECT 1 FORMAT CSV)")).format()).isNull();
        assertThat(((Sql.Plain) parse("(SELECT 1) UNION ALL (SELECT 2) FORMAT CSV")).format()).isEqualTo("CSV");
        assertThat(((Sql.Plain) parse("use system")).use()).isTrue();
    }
}
