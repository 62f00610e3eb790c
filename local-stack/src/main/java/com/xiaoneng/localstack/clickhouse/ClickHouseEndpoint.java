package com.xiaoneng.localstack.clickhouse;

import com.xiaoneng.localstack.PortInUseException;
import com.xiaoneng.localstack.Ports;

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
 * {@link #url()}, {@link #httpUrl()}, {@link #port()}, {@link #user()}, {@link #password()},
 * {@link #dataDir()}, {@link #logFile()}, {@link #stop()} / {@link #close()}.
 * Data persists in {@code dataDir} across restarts. The child's output goes to {@link #logFile()};
 * it also stops by itself when this JVM dies.
 */
public final class ClickHouseEndpoint implements AutoCloseable {

    /** The chDB release {@code local-stack/scripts/fetch-chdb.sh} pins. */
    public static final String CHDB_VERSION = "26.7.3-stable.1";

    private static final String SERVICE = "the ClickHouse endpoint (CLICKHOUSE_PORT)";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final String user;
    private final String password;
    private final Path dataDir;
    private final Path logFile;
    private final Thread reaper;

    private ClickHouseEndpoint(Process process, int port, String user, String password, Path dataDir, Path logFile) {
        this.process = process;
        this.port = port;
        this.user = user;
        this.password = password;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.reaper = new Thread(process::destroyForcibly, "clickhouse-endpoint-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts the endpoint on 127.0.0.1:{@code port} (0 picks a free port) and waits until it answers
     * {@code /ping}.
     *
     * @param libchdb  libchdb.so, e.g. from {@link #locateLibchdb()}
     * @param dataDir  the database directory, created if missing; one endpoint per directory
     * @throws PortInUseException   (an IllegalStateException) when the port is taken
     * @throws IllegalStateException when the endpoint does not come up (the message carries the end of its log)
     */
    public static ClickHouseEndpoint start(Path libchdb, Path dataDir, int port, String user, String password) {
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
                "--host", "127.0.0.1",
                "--port", Integer.toString(chosen),
                "--exit-on-stdin-eof"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("LD_PRELOAD", jsig.toString());
        // credentials travel in the environment, not on the command line where ps shows them
        env.put("CLICKHOUSE_USER", user);
        env.put("CLICKHOUSE_PASSWORD", password);
        Process process;
        try {
            Files.createDirectories(data);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ClickHouse endpoint: " + command, e);
        }
        ClickHouseEndpoint endpoint = new ClickHouseEndpoint(process, chosen, user, password, data, log);
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
     * @throws IllegalStateException telling to run {@code local-stack/scripts/fetch-chdb.sh}
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
                + "); run local-stack/scripts/fetch-chdb.sh from the repository");
    }

    /** JDBC URL for clickhouse-jdbc, database {@code default}; pass {@link #user()}/{@link #password()}. */
    public String url() {
        return "jdbc:clickhouse://127.0.0.1:" + port + "/default";
    }

    /** Base URL of the HTTP interface, without trailing slash, e.g. {@code http://127.0.0.1:8123}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
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
