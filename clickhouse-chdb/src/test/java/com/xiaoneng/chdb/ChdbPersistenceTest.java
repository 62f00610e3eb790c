package com.xiaoneng.chdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChdbPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void dataSurvivesARestartOfTheEndpoint() throws SQLException {
        Path data = dir.resolve("data");
        try (ClickHouseEndpoint first = ChdbTestSupport.start(data);
             Connection c = ChdbTestSupport.connect(first); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE supervision");
            s.execute("CREATE TABLE supervision.cases (id UInt64, region LowCardinality(String)) "
                    + "ENGINE = MergeTree ORDER BY id");
            s.execute("INSERT INTO supervision.cases SELECT number, toString(number % 14) FROM numbers(25000)");
        }
        try (ClickHouseEndpoint second = ChdbTestSupport.start(data);
             Connection c = ChdbTestSupport.connect(second); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(), uniqExact(region), sum(id) FROM supervision.cases")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(25_000);
            assertThat(rs.getLong(2)).isEqualTo(14);
            assertThat(rs.getLong(3)).isEqualTo(25_000L * 24_999 / 2);
        }
    }

    @Test
    void aTakenPortGivesAClearMessage() {
        try (ClickHouseEndpoint running = ChdbTestSupport.start(dir.resolve("a"))) {
            assertThatThrownBy(() -> ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("b"),
                    running.port(), "default", ""))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + running.port())
                    .hasMessageContaining("already in use");
        }
    }
}
