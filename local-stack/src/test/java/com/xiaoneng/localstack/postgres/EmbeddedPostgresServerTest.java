package com.xiaoneng.localstack.postgres;

import com.xiaoneng.localstack.BindAddress;
import com.xiaoneng.localstack.LocalAddresses;
import com.xiaoneng.chdb.PortInUseException;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerTest {

    @Test
    void keepsDataAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(pg.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/xiaoneng");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE service_case (id text PRIMARY KEY, region text NOT NULL)");
                s.execute("INSERT INTO service_case VALUES ('c-1', '650100'), ('c-2', '653100')");
            }
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(rows(pg, pg.password())).containsExactly("c-1@650100", "c-2@653100");
        }
    }

    @Test
    void logsInWithTheGeneratedPasswordOnly(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            Path passwordFile = dir.resolve("postgres.password");
            assertThat(EmbeddedPostgresServer.passwordFile(dataDir)).isEqualTo(passwordFile);
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(pg.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                assertThat(c.isValid(2)).isTrue();
            }
            assertRefused(pg, "postgres");
            assertRefused(pg, "");
            assertRefused(pg, pg.password() + "x");
            assertThat(Files.readString(dataDir.resolve("pg_hba.conf")))
                    .startsWith(EmbeddedPostgresServer.HBA_MARKER)
                    .contains("host all all 127.0.0.1/32 scram-sha-256")
                    .doesNotContain("trust").doesNotContainPattern("(?m)^local").doesNotContain("host all all all");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT rolpassword LIKE 'SCRAM-SHA-256$%', current_setting('listen_addresses'),"
                         + " current_setting('unix_socket_directories') FROM pg_authid WHERE rolname = 'postgres'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getString(2)).isEqualTo("127.0.0.1");
                assertThat(rs.getString(3)).isEmpty();
            }
        }
        // the same password on the next start; the file is not regenerated
        String kept = Files.readString(dir.resolve("postgres.password")).strip();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(pg.password()).isEqualTo(kept);
        }
    }

    @Test
    void listensOnLoopbackOnly(@TempDir Path dir) throws Exception {
        InetAddress other = LocalAddresses.nonLoopback();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0)) {
            assertThat(LocalAddresses.accepts(InetAddress.getLoopbackAddress(), pg.port())).isTrue();
            assertThat(LocalAddresses.accepts(other, pg.port())).isFalse();
        }
    }

    @Test
    void aWiderBindAddressStillWantsThePassword(@TempDir Path dir) throws Exception {
        InetAddress other = LocalAddresses.nonLoopback();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"),
                new BindAddress(other.getHostAddress()), 0)) {
            assertThat(pg.jdbcUrl()).startsWith("jdbc:postgresql://" + other.getHostAddress() + ":");
            assertThat(LocalAddresses.accepts(InetAddress.getLoopbackAddress(), pg.port())).isTrue();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                assertThat(c.isValid(2)).isTrue();
            }
            assertRefused(pg, "wrong");
        }
    }

    /** A data dir made before passwords (initdb's trust for every local login) takes a password on the next start. */
    @Test
    void upgradesADataDirectoryThatTrustedEveryone(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
             Connection c = old.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE xiaoneng");
            try (Connection x = old.getDatabase("postgres", "xiaoneng").getConnection(); Statement t = x.createStatement()) {
                t.execute("CREATE TABLE service_case (id text PRIMARY KEY, region text NOT NULL)");
                t.execute("INSERT INTO service_case VALUES ('c-1', '650100')");
            }
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).contains("trust");
        assertThat(dir.resolve("postgres.password")).doesNotExist();

        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(rows(pg, pg.password())).containsExactly("c-1@650100");
            assertRefused(pg, "");
            assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThat(Files.readString(dir.resolve("postgres.password")).strip()).isEqualTo(pg.password());
        }
    }

    /** A lost password file: a new password is set, the data stays. */
    @Test
    void aNewPasswordWhenTheFileIsGone(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        String first;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            first = pg.password();
        }
        Files.delete(dir.resolve("postgres.password"));
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(pg.password()).isNotEqualTo(first);
            assertRefused(pg, first);
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                assertThat(c.isValid(2)).isTrue();
            }
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

    /** 28P01 invalid_password from the server; without a password the driver stops at the server's SCRAM demand. */
    private static void assertRefused(EmbeddedPostgresServer pg, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.username(), password).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(password.isEmpty() ? "08004" : "28P01"))
                .hasMessageContaining(password.isEmpty() ? "SCRAM" : "password authentication failed");
    }

    private static List<String> rows(EmbeddedPostgresServer pg, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, region FROM service_case ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "@" + rs.getString(2));
            }
            return rows;
        }
    }
}
