package com.xiaoneng.chdb;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A ClickHouse HTTP endpoint on chDB, running as a child process ({@link ChdbHttpServer}) of this
 * JVM. chDB cannot share a JVM safely (it installs signal handlers, and one engine serves one
 * data path per process), so the endpoint gets its own {@code java}, started with the JDK's
 * signal chaining library preloaded.
 *
 * <pre>{@code
 * try (ClickHouseEndpoint ch = ClickHouseEndpoint.start(
 *         ClickHouseEndpoint.locateLibchdb(), Path.of("target/ch-data"), 0, "default", "")) {
 *     Properties p = new Properties();
 *     p.setProperty("user", ch.user());
 *     p.setProperty("password", ch.password());
 *     try (Connection c = DriverManager.getConnection(ch.url(), p)) { ... }  // clickhouse-jdbc
 *     // or plain HTTP: ch.httpUrl() + "/?query=SELECT+1"
 * }
 * }</pre>
 *
 * <p>API (kept small and stable for other modules' tests): {@link #start}, {@link #locateLibchdb()},
 * {@link #url()}, {@link #httpUrl()}, {@link #port()}, {@link #user()}, {@link #password()}, {@link #users()},
 * {@link #dataDir()}, {@link #logFile()}, {@link #stop()} / {@link #close()}.
 * Data persists in {@code dataDir} across restarts. The child's output goes to {@link #logFile()};
 * it also stops by itself when this JVM dies.
 */
public final class ClickHouseEndpoint implements AutoCloseable {

    /** The chDB release {@code clickhouse-chdb/scripts/fetch-chdb.sh} pins. */
    public static final String CHDB_VERSION = "26.7.3-stable.1";

    private static final String SERVICE = "the ClickHouse endpoint (CLICKHOUSE_PORT)";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String host;
    private final int port;
    private final List<ClickHouseUser> users;
    private final Path dataDir;
    private final Path logFile;
    private final Thread reaper;

    private ClickHouseEndpoint(Process process, String host, int port, List<ClickHouseUser> users, Path dataDir,
                               Path logFile) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.users = users;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.reaper = new Thread(process::destroyForcibly, "clickhouse-endpoint-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts the endpoint on 127.0.0.1:{@code port} (0 picks a free port) with one user of full rights, as tests
     * need it, and waits until it answers {@code /ping}.
     *
     * @param libchdb  libchdb.so, e.g. from {@link #locateLibchdb()}
     * @param dataDir  the database directory, created if missing; one endpoint per directory
     * @param password may be empty: ClickHouse's "default" user without a password, for tests
     * @throws PortInUseException   (an IllegalStateException) when the port is taken
     * @throws IllegalStateException when the endpoint does not come up (the message carries the end of its log)
     */
    public static ClickHouseEndpoint start(Path libchdb, Path dataDir, int port, String user, String password) {
        return start(libchdb, dataDir, LOOPBACK, port, List.of(ClickHouseUser.writer(user, password)));
    }

    /**
     * Starts the endpoint on {@code host:port} for {@code users}; the first writer among them is {@link #user()}.
     *
     * @param host the address to listen on: 127.0.0.1 keeps it to this machine, 0.0.0.0 opens it to the network
     */
    public static ClickHouseEndpoint start(Path libchdb, Path dataDir, String host, int port, List<ClickHouseUser> users) {
        if (users.stream().noneMatch(u -> !u.readOnly())) {
            throw new IllegalArgumentException("the ClickHouse endpoint needs a writer among its users " + users);
        }
        int chosen = Ports.resolve(port);
        Ports.requireFree(chosen, SERVICE);
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path jsig = javaHome.resolve("lib/server/libjsig.so");
        if (!Files.isRegularFile(jsig)) {
            throw new IllegalStateException("the JDK at " + javaHome + " has no lib/server/libjsig.so;"
                    + " chDB needs it to coexist with the JVM's signal handling");
        }
        Path data = dataDir.toAbsolutePath();
        Path log = data.resolveSibling(data.getFileName() + "-endpoint.log");
        List<String> command = new ArrayList<>(List.of(
                javaHome.resolve("bin/java").toString(),
                "-Xmx2g", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"),
                ChdbHttpServer.class.getName(),
                "--lib", libchdb.toAbsolutePath().toString(),
                "--data", data.toString(),
                "--host", host,
                "--port", Integer.toString(chosen),
                "--exit-on-stdin-eof"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("LD_PRELOAD", jsig.toString());
        // credentials travel in the environment, not on the command line where ps shows them
        env.put("CLICKHOUSE_USERS", ClickHouseUser.encode(users));
        Process process;
        try {
            Files.createDirectories(data);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ClickHouse endpoint: " + command, e);
        }
        ClickHouseEndpoint endpoint = new ClickHouseEndpoint(process, host, chosen, List.copyOf(users), data, log);
        try {
            endpoint.awaitPing();
        } catch (RuntimeException e) {
            endpoint.stop();
            throw e;
        }
        return endpoint;
    }

    /**
     * libchdb.so: {@code $CHDB_LIB} if set, else {@code .cache/chdb/<CHDB_VERSION>/libchdb.so} in the
     * working directory or the nearest parent that has it (the repository root).
     *
     * @throws IllegalStateException telling to run {@code clickhouse-chdb/scripts/fetch-chdb.sh}
     */
    public static Path locateLibchdb() {
        String fromEnv = System.getenv("CHDB_LIB");
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path lib = Path.of(fromEnv);
            if (!Files.isRegularFile(lib)) {
                throw new IllegalStateException("CHDB_LIB=" + fromEnv + " is not a file");
            }
            return lib.toAbsolutePath();
        }
        Path relative = Path.of(".cache", "chdb", CHDB_VERSION, "libchdb.so");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("libchdb.so " + CHDB_VERSION + " not found (no CHDB_LIB, no "
                + relative + " here or above " + Path.of("").toAbsolutePath()
                + "); run clickhouse-chdb/scripts/fetch-chdb.sh from the repository");
    }

    /** JDBC URL for clickhouse-jdbc, database {@code default}; pass {@link #user()}/{@link #password()}. */
    public String url() {
        return "jdbc:clickhouse://" + connectHost() + ":" + port + "/default";
    }

    /** Base URL of the HTTP interface, without trailing slash, e.g. {@code http://127.0.0.1:8123}. */
    public String httpUrl() {
        return "http://" + connectHost() + ":" + port;
    }

    /** The address it listens on. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The first writer: the user with full rights. */
    public String user() {
        return writer().name();
    }

    public String password() {
        return writer().password();
    }

    public List<ClickHouseUser> users() {
        return users;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where the endpoint process writes its output. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the endpoint: SIGTERM (the engine closes cleanly), then a kill after 30 s. Idempotent. */
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }

    @Override
    public void close() {
        stop();
    }

    private ClickHouseUser writer() {
        return users.stream().filter(u -> !u.readOnly()).findFirst().orElseThrow();
    }

    /** Where clients on this machine connect: the listen address, or loopback when it listens on all of them. */
    private String connectHost() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? LOOPBACK : host;
        return h.contains(":") ? "[" + h + "]" : h;
    }

    private void awaitPing() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(httpUrl() + "/ping")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                if (process.exitValue() == ChdbHttpServer.EXIT_PORT_IN_USE) {
                    throw new PortInUseException(port, SERVICE);
                }
                throw new IllegalStateException("ClickHouse endpoint did not start: it exited with status "
                        + process.exitValue() + "\n" + logTail());
            }
            try {
                HttpResponse<String> response = client.send(ping, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().equals("Ok.\n")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the ClickHouse endpoint", e);
            }
            sleep(100);
        }
        throw new IllegalStateException("ClickHouse endpoint did not answer /ping within " + STARTUP_TIMEOUT
                + "\n" + logTail());
    }

    private String logTail() {
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            return "--- " + logFile + " (end) ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ClickHouse endpoint", e);
        }
    }
}
