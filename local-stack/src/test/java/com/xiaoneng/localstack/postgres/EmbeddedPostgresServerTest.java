package com.xiaoneng.localstack.postgres;

import com.xiaoneng.localstack.PortInUseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerTest {

    @Test
    void keepsDataAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(pg.jdbcUrl()).endsWith("/xiaoneng");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE service_case (id text PRIMARY KEY, region text NOT NULL)");
                s.execute("INSERT INTO service_case VALUES ('c-1', '650100'), ('c-2', '653100')");
            }
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
             Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, region FROM service_case ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "@" + rs.getString(2));
            }
            assertThat(rows).containsExactly("c-1@650100", "c-2@653100");
        }
    }

    @Test
    void refusesAPortInUse(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir, taken.getLocalPort()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }
}
