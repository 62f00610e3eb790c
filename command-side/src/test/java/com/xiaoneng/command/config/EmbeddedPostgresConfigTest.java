package com.xiaoneng.command.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command side's own PostgreSQL when it runs alone: password logins on 127.0.0.1, trust data dirs upgraded. */
class EmbeddedPostgresConfigTest {

    private final EmbeddedPostgresConfig config = new EmbeddedPostgresConfig();

    @Test
    void upgradesATrustDataDirAndLogsInWithTheGeneratedPasswordOnly(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id int)");
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).contains("trust");

        int port = freePort();
        try (EmbeddedPostgresConfig.EmbeddedDatabase db = config.embeddedPostgres(dataDir, port);
             HikariDataSource dataSource = (HikariDataSource) config.dataSource(db)) {
            Path passwordFile = dir.resolve("postgres.password");
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(db.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).startsWith(EmbeddedPostgresConfig.HBA_MARKER)
                    .doesNotContain("trust");
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('listen_addresses')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "postgres", db.password()); Statement s = c.createStatement()) {
                s.executeQuery("SELECT * FROM kept").close();
            }
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/xiaoneng",
                    "postgres", "postgres").close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        }
        // the next start keeps the password and does not set it again
        String kept = Files.readString(dir.resolve("postgres.password")).strip();
        try (EmbeddedPostgresConfig.EmbeddedDatabase db = config.embeddedPostgres(dataDir, freePort())) {
            assertThat(db.password()).isEqualTo(kept);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
