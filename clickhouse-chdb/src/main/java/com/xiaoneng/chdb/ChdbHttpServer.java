package com.xiaoneng.chdb;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ClickHouse HTTP interface served by chDB, as its own process (see {@link ClickHouseEndpoint},
 * which starts it correctly). The JVM must run with {@code LD_PRELOAD=$JAVA_HOME/lib/server/libjsig.so}.
 *
 * <p>Options, each also an environment variable: {@code --lib} (CHDB_LIB, else located as
 * {@link ClickHouseEndpoint#locateLibchdb()} does), {@code --data} (CLICKHOUSE_DATA_DIR, default
 * ./data/clickhouse), {@code --host} (CLICKHOUSE_HOST, 127.0.0.1), {@code --port} (CLICKHOUSE_PORT,
 * 8123) and the users: CLICKHOUSE_USERS (as {@link ClickHouseEndpoint} passes them, writers and read-only users),
 * else one writer, {@code --user} (CLICKHOUSE_USER, default) with {@code --password} (CLICKHOUSE_PASSWORD, empty).
 * {@code --exit-on-stdin-eof} makes the server stop when its parent process goes away.
 */
public final class ChdbHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChdbHttpServer.class);
    /** Exit status when the port is taken, so a launcher can tell it from a crash. */
    static final int EXIT_PORT_IN_USE = 3;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ChdbEngine engine;

    private ChdbHttpServer(HttpServer server, ExecutorService workers, ChdbEngine engine) {
        this.server = server;
        this.workers = workers;
        this.engine = engine;
    }

    /**
     * Serves {@code engine} on {@code host:port}; the server owns the engine from then on.
     *
     * @throws BindException when the port is taken
     */
    public static ChdbHttpServer start(ChdbEngine engine, String host, int port, List<ClickHouseUser> users)
            throws IOException {
        String timezone = new String(engine.query(Sql.utf8("SELECT timezone()"), "TabSeparated").data(),
                StandardCharsets.UTF_8).strip();
        // Without TCP_NODELAY an answer written as headers then body waits for the client's delayed ACK: 40 ms on
        // every request (a SELECT 1 took 48 ms p50, 6.5 ms with it). Read once, when the JDK's server first starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        AtomicInteger threads = new AtomicInteger();
        // queries run one at a time on the engine; the workers only parse, wait and write
        ExecutorService workers = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "clickhouse-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", new QueryHandler(engine, users, timezone, displayName()));
        server.start();
        return new ChdbHttpServer(server, workers, engine);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests, lets running ones finish (up to 1 s) and closes the engine. */
    @Override
    public void close() {
        log.info("stopping");
        server.stop(1);
        workers.shutdownNow();
        engine.close();
        log.info("stopped");
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        Options o = new Options(args, env);
        Path lib = o.get("--lib", "CHDB_LIB", null) != null
                ? Path.of(o.get("--lib", "CHDB_LIB", null))
                : ClickHouseEndpoint.locateLibchdb();
        Path dataDir = Path.of(o.get("--data", "CLICKHOUSE_DATA_DIR", "data/clickhouse")).toAbsolutePath();
        String host = o.get("--host", "CLICKHOUSE_HOST", "127.0.0.1");
        int port = Integer.parseInt(o.get("--port", "CLICKHOUSE_PORT", "8123"));
        String encodedUsers = env.get("CLICKHOUSE_USERS");
        List<ClickHouseUser> users = encodedUsers != null ? ClickHouseUser.decode(encodedUsers)
                : List.of(ClickHouseUser.writer(o.get("--user", "CLICKHOUSE_USER", "default"),
                        o.get("--password", "CLICKHOUSE_PASSWORD", "")));

        ChdbEngine engine = ChdbEngine.open(lib, dataDir);
        ChdbHttpServer server;
        try {
            server = start(engine, host, port, users);
        } catch (BindException e) {
            System.err.println("ClickHouse endpoint: port " + port + " on " + host
                    + " is already in use; set CLICKHOUSE_PORT (or --port) to a free port");
            engine.close();
            System.exit(EXIT_PORT_IN_USE);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "clickhouse-http-shutdown"));
        log.info("ClickHouse HTTP interface (chDB {}) on http://{}:{} with data in {}, users {}", engine.version(), host,
                server.port(), dataDir, users);
        if (o.flag("--exit-on-stdin-eof")) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent keeps stdin open while it lives
                    }
                } catch (IOException ignored) {
                    // treated like EOF
                }
                log.info("parent process gone; stopping");
                System.exit(0);
            }, "parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private static String displayName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** {@code --name value} arguments with environment fallbacks. */
    private record Options(String[] args, Map<String, String> env) {
        String get(String option, String variable, String fallback) {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals(option)) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    return args[i + 1];
                }
                if (args[i].startsWith(option + "=")) {
                    return args[i].substring(option.length() + 1);
                }
            }
            String value = env.get(variable);
            return value != null ? value : fallback;
        }

        boolean flag(String option) {
            for (String a : args) {
                if (a.equals(option)) {
                    return true;
                }
            }
            return false;
        }
    }
}
