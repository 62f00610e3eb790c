package com.xiaoneng.localstack;

import com.xiaoneng.chdb.Ports;
import com.xiaoneng.chdb.PortInUseException;

import com.xiaoneng.localstack.LocalStackApps.AppSpec;
import com.xiaoneng.localstack.LocalStackApps.RunningApp;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.chdb.ClickHouseUser;
import com.xiaoneng.localstack.kafka.KafkaBroker;
import com.xiaoneng.localstack.postgres.EmbeddedPostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one-command local environment: embedded PostgreSQL, the in-process Kafka broker and the ClickHouse endpoint,
 * then every application whose jar is built, with a health summary; Ctrl-C stops it all, and the next start resumes
 * on the same data. {@code ./run-local.sh} at the repository root builds what is missing and runs {@link #main}.
 *
 * <p>Environment (all optional):
 * <ul>
 *   <li>DATA_DIR (./data): postgres/, kafka/, clickhouse/, logs/ (one log per app), run/ (app pid files, so
 *       apps left running by a killed launcher are stopped at the next start) and the generated passwords (*.password,
 *       mode 600: postgres, clickhouse, clickhouse-query-side, clickhouse-reader) live here.</li>
 *   <li>BIND_ADDRESS (127.0.0.1): where PostgreSQL, Kafka, ClickHouse and the apps listen; anything else is warned
 *       about, since the network can then reach them.</li>
 *   <li>PG_PORT 5432, KAFKA_PORT 9092, CLICKHOUSE_PORT 8123, COMMAND_PORT 8080, QUERY_PORT 8081.</li>
 *   <li>KAFKA_TOPICS ("case-events:6,case-alerts:3,case-events-dlq:1").</li>
 *   <li>SPRING_DATASOURCE_URL (with SPRING_DATASOURCE_USERNAME/PASSWORD), KAFKA_BOOTSTRAP_SERVERS, CLICKHOUSE_URL:
 *       use that service from outside instead of starting it here.</li>
 *   <li>CHDB_LIB: libchdb.so for the ClickHouse endpoint (run-local.sh fetches it; otherwise
 *       .cache/chdb/&lt;version&gt;/libchdb.so here or above); CLICKHOUSE_USER (default) names its writer,
 *       CLICKHOUSE_PASSWORD replaces the writer's generated password.</li>
 *   <li>SKIP: comma-separated services or apps not to start, e.g. {@code SKIP=clickhouse,streaming}.</li>
 *   <li>APP_DIR (.): where the module folders with the app jars are; APP_START_TIMEOUT_SECONDS (180).</li>
 *   <li>SIMULATE (on), SIMULATE_RATE, SIMULATE_SPEEDUP, BACKFILL_CASES_PER_DAY, SIMULATE_SEED: the demo traffic
 *       {@link #main} sends through the command side (see {@link DemoTraffic}); {@link #start} sends none.</li>
 * </ul>
 * The apps get DATA_DIR (absolute), SPRING_DATASOURCE_URL/USERNAME/PASSWORD, KAFKA_BOOTSTRAP_SERVERS, CLICKHOUSE_URL
 * (JDBC URL of the endpoint), CLICKHOUSE_HTTP_URL, CLICKHOUSE_USER and CLICKHOUSE_PASSWORD of their own ClickHouse
 * user (the streaming job the writer, the query side a read-only user that owns its export log table) and, for HTTP
 * apps, SERVER_ADDRESS and SERVER_PORT; the rest of the launcher's environment is passed on as it is.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).build();

    private final LocalStackConfig config;
    /** Started services and apps in start order; closed in reverse. */
    private final List<Running> running = new ArrayList<>();
    private final List<LocalStackStatus> notStarted = new ArrayList<>();
    private final Map<String, String> appEnvironment = new LinkedHashMap<>();
    /** The embedded ClickHouse endpoint's user of each app that uses one, and of Grafana ("grafana"). */
    private final Map<String, ClickHouseUser> clickHouseUsers = new LinkedHashMap<>();
    private final List<RunningApp> apps = new ArrayList<>();
    private final DemoTraffic.Settings traffic;
    private DemoTraffic demo;
    private FileLock dataLock;
    private boolean closed;

    private record Running(String name, Supplier<LocalStackStatus> health, AutoCloseable closer) {
    }

    private LocalStack(LocalStackConfig config, DemoTraffic.Settings traffic) {
        this.config = config;
        this.traffic = traffic;
    }

    /** The simulated demo traffic, when switched on and the command side runs here. */
    private void startTraffic() {
        Optional<String> commandSide = health().stream()
                .filter(s -> s.name().equals("command-side") && s.state() == LocalStackStatus.State.UP)
                .map(LocalStackStatus::address).findFirst();
        if (!traffic.enabled() || commandSide.isEmpty()) {
            return;
        }
        DemoTraffic started = DemoTraffic.start(traffic, config.dataDir(), URI.create(commandSide.get()), System.out);
        synchronized (this) {
            if (!closed) {
                demo = started;
                return;
            }
        }
        stopTraffic(started);
    }

    private static void stopTraffic(DemoTraffic traffic) {
        try {
            traffic.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack stack;
        try {
            stack = new LocalStack(LocalStackConfig.fromEnv(System.getenv()), DemoTraffic.Settings.fromEnv(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("local stack: " + e.getMessage());
            System.exit(2);
            return;
        }
        // registered before starting, so Ctrl-C during startup still stops what already runs
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            LOG.debug("startup failed", e);
            System.err.println();
            System.err.println("local stack failed to start: " + describe(e));
            System.exit(1);
        }
        System.out.println(stack.summary());
        System.out.println(StartGuide.text(stack.health(), stack.appEnvironment(), stack.clickHouseUsers(),
                stack.config, stack.traffic));
        System.out.println("Ctrl-C stops everything; the data stays in " + stack.config.dataDir()
                + " for the next start.");
        stack.startTraffic();
        new CountDownLatch(1).await();
    }

    /**
     * Starts the services, then the apps, and waits (up to APP_START_TIMEOUT_SECONDS) for the apps to be healthy.
     * On failure everything started so far is stopped again.
     *
     * @throws IllegalStateException with a message naming the variable to change when a port is in use
     */
    public static LocalStack start(LocalStackConfig config) {
        // tests and embedders drive traffic themselves
        LocalStack stack = new LocalStack(config, DemoTraffic.Settings.fromEnv(Map.of("SIMULATE", "off")));
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Checks every service and app now; one line each, in start order, skipped and external ones included. */
    public List<LocalStackStatus> health() {
        List<LocalStackStatus> statuses = new ArrayList<>();
        List<Running> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(running);
            statuses.addAll(notStarted);
        }
        snapshot.forEach(r -> statuses.add(r.health().get()));
        List<String> order = new ArrayList<>(List.of("postgres", "kafka", "clickhouse"));
        LocalStackApps.APPS.forEach(a -> order.add(a.name()));
        statuses.sort((a, b) -> Integer.compare(order.indexOf(a.name()), order.indexOf(b.name())));
        return statuses;
    }

    /** The health summary as printed by {@link #main}: a table of name, state, address and detail. */
    public String summary() {
        StringBuilder out = new StringBuilder("\nXiaoneng local stack (data in " + config.dataDir() + ")\n");
        out.append(String.format("  %-14s %-9s %s%n", "NAME", "STATE", "ADDRESS"));
        for (LocalStackStatus s : health()) {
            String address = s.address() == null ? "-" : s.address();
            String detail = s.detail() == null ? "" : "  (" + s.detail() + ")";
            out.append(String.format("  %-14s %-9s %s%s%n", s.name(), s.state(), address, detail));
        }
        String warning = config.bind().warning();
        if (warning != null) {
            out.append("\n  ").append(warning).append('\n');
        }
        return out.toString();
    }

    /** What the apps get on top of the launcher's environment: DATA_DIR and the service addresses. */
    public synchronized Map<String, String> appEnvironment() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(appEnvironment));
    }

    /** The embedded ClickHouse endpoint's users by who uses them (streaming, query-side, grafana); empty without it. */
    public synchronized Map<String, ClickHouseUser> clickHouseUsers() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(clickHouseUsers));
    }

    /** Stops apps first, then services, in reverse start order. Safe to call twice and from a shutdown hook. */
    @Override
    public void close() {
        List<Running> toStop;
        DemoTraffic traffic;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(running);
            traffic = demo;
        }
        if (traffic != null) {
            LOG.info("Stopping the simulated traffic");
            stopTraffic(traffic);
        }
        Collections.reverse(toStop);
        for (Running r : toStop) {
            LOG.info("Stopping {}", r.name());
            try {
                r.closer().close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", r.name(), e.toString());
            }
        }
        releaseDataLock();
        if (!toStop.isEmpty()) {
            LOG.info("Local stack stopped; data kept in {}", config.dataDir());
        }
    }

    private void startAll() {
        String warning = config.bind().warning();
        if (warning != null) {
            LOG.warn(warning);
        }
        lockDataDir();
        LocalStackApps.stopLeftovers(config.pidDir());
        // apps keep their own local files (e.g. the pseudonym key) under the same data dir
        env("DATA_DIR", config.dataDir().toString());
        startPostgres();
        startKafka();
        startClickHouse();
        startApps();
        awaitApps();
    }

    private void startPostgres() {
        String name = "postgres";
        if (config.externalDatasource() != null) {
            external(name, config.externalDatasource());
            copyEnv("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
            return;
        }
        if (skipped(name)) {
            return;
        }
        EmbeddedPostgresServer pg = onPort(LocalStackConfig.PG_PORT,
                () -> EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), config.bind(),
                        config.port(LocalStackConfig.PG_PORT)));
        register(name, () -> postgresHealth(name, pg), pg);
        env("SPRING_DATASOURCE_URL", pg.jdbcUrl());
        env("SPRING_DATASOURCE_USERNAME", pg.username());
        env("SPRING_DATASOURCE_PASSWORD", pg.password());
    }

    private void startKafka() {
        String name = "kafka";
        if (config.externalKafka() != null) {
            external(name, config.externalKafka());
            env("KAFKA_BOOTSTRAP_SERVERS", config.externalKafka());
            return;
        }
        if (skipped(name)) {
            return;
        }
        KafkaBroker kafka = onPort(LocalStackConfig.KAFKA_PORT, () -> KafkaBroker.start(config.dataDir().resolve("kafka"),
                config.bind(), config.port(LocalStackConfig.KAFKA_PORT), config.kafkaTopics()));
        register(name, () -> kafkaHealth(name, kafka), kafka);
        env("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    }

    private void startClickHouse() {
        String name = "clickhouse";
        if (config.externalClickHouse() != null) {
            external(name, config.externalClickHouse());
            env("CLICKHOUSE_URL", config.externalClickHouse());
            copyEnv("CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD");
            return;
        }
        if (skipped(name)) {
            return;
        }
        Path lib = config.chdbLib() != null ? config.chdbLib() : ClickHouseEndpoint.locateLibchdb();
        int port = config.port(LocalStackConfig.CLICKHOUSE_PORT);
        // the database the job writes and the query side reads; the query side keeps its export log there too
        String database = config.environment().getOrDefault("CLICKHOUSE_DATABASE", "xiaoneng");
        ClickHouseUser writer = ClickHouseUser.writer(config.clickHouseUser(), config.clickHousePassword());
        ClickHouseUser querySide = ClickHouseUser.readOnly("query_side", null, database + ".report_exports");
        ClickHouseUser reader = ClickHouseUser.readOnly("reader", null);
        List<ClickHouseUser> users = new ArrayList<>();
        for (ClickHouseUser user : List.of(writer, querySide, reader)) {
            users.add(user.password().isEmpty() ? user.withPassword(Secrets.password(
                    config.passwordFile(passwordName(user))).value()) : user);
        }
        ClickHouseEndpoint clickHouse = onPort(LocalStackConfig.CLICKHOUSE_PORT, () -> {
            if (port != 0) {
                Ports.requireFree(port, "ClickHouse");
            }
            return ClickHouseEndpoint.start(lib, config.dataDir().resolve("clickhouse"), config.bind().host(), port,
                    users);
        });
        LOG.info("ClickHouse endpoint ready at {} (data dir {})", clickHouse.httpUrl(), clickHouse.dataDir());
        register(name, () -> clickHouseHealth(name, clickHouse), clickHouse);
        env("CLICKHOUSE_URL", clickHouse.url());
        env("CLICKHOUSE_HTTP_URL", clickHouse.httpUrl());
        synchronized (this) {
            clickHouseUsers.put("streaming", users.get(0));
            clickHouseUsers.put("query-side", users.get(1));
            clickHouseUsers.put("grafana", users.get(2));
        }
    }

    /** The file (in DATA_DIR) of a ClickHouse user's generated password: clickhouse, clickhouse-query-side, ... */
    static String passwordName(ClickHouseUser user) {
        return user.readOnly() ? "clickhouse-" + user.name().replace('_', '-') : "clickhouse";
    }

    private void startApps() {
        for (AppSpec spec : LocalStackApps.APPS) {
            if (skipped(spec.name())) {
                continue;
            }
            Path jar = config.appDir().resolve(spec.jar());
            if (!Files.isRegularFile(jar)) {
                synchronized (this) {
                    notStarted.add(LocalStackStatus.skipped(spec.name(), "no " + spec.jar() + " built yet"));
                }
                continue;
            }
            int port = spec.portVariable() == null ? 0 : config.port(spec.portVariable());
            if (port != 0) {
                try {
                    Ports.requireFree(port, spec.name());
                } catch (PortInUseException e) {
                    throw portHint(spec.portVariable(), e);
                }
            }
            Map<String, String> env = new HashMap<>(config.environment());
            env.putAll(appEnvironment());
            ClickHouseUser clickHouseUser = clickHouseUsers().get(spec.name());
            if (clickHouseUser != null) {
                env.put("CLICKHOUSE_USER", clickHouseUser.name());
                env.put("CLICKHOUSE_PASSWORD", clickHouseUser.password());
            } else if (!clickHouseUsers().isEmpty()) {
                // an app without a ClickHouse user of its own gets none (not the writer's, from the launcher's env)
                env.remove("CLICKHOUSE_USER");
                env.remove("CLICKHOUSE_PASSWORD");
            }
            RunningApp app = RunningApp.start(spec, jar, config.appDir(), config.logDir(), config.pidDir(), env,
                    config.bind(), port);
            register(spec.name(), app::health, app);
            apps.add(app);
        }
    }

    /** Apps take a while (Spring context, Flink MiniCluster); wait until each is UP, has exited, or time is up. */
    private void awaitApps() {
        if (apps.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + config.appStartTimeout().toNanos();
        List<RunningApp> pending = new ArrayList<>(apps);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(app -> !app.alive() || app.health().state() == LocalStackStatus.State.UP);
            if (!pending.isEmpty()) {
                sleep(Duration.ofSeconds(1));
            }
        }
        pending.forEach(app -> LOG.warn("{} is not healthy after {}; see {}", app.name(), config.appStartTimeout(), app.log()));
    }

    private LocalStackStatus postgresHealth(String name, EmbeddedPostgresServer pg) {
        DriverManager.setLoginTimeout((int) HEALTH_TIMEOUT.toSeconds());
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return LocalStackStatus.up(name, pg.jdbcUrl(), "user " + pg.username() + ", password in "
                    + EmbeddedPostgresServer.passwordFile(pg.dataDir()) + ", data " + pg.dataDir());
        } catch (SQLException e) {
            return LocalStackStatus.down(name, pg.jdbcUrl(), e.getMessage());
        }
    }

    private LocalStackStatus kafkaHealth(String name, KafkaBroker kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) HEALTH_TIMEOUT.toMillis()))
                    .nodes().get(HEALTH_TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            int topics = admin.listTopics().names().get(HEALTH_TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            return LocalStackStatus.up(name, kafka.bootstrapServers(),
                    nodes + " broker, " + topics + " topics, data " + kafka.logDir());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LocalStackStatus.down(name, kafka.bootstrapServers(), "health check interrupted");
        } catch (Exception e) {
            return LocalStackStatus.down(name, kafka.bootstrapServers(), e.toString());
        }
    }

    private LocalStackStatus clickHouseHealth(String name, ClickHouseEndpoint clickHouse) {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(clickHouse.httpUrl() + "/ping")).timeout(HEALTH_TIMEOUT).build();
        String detail = "JDBC " + clickHouse.url() + ", users " + clickHouse.users().stream().map(ClickHouseUser::name)
                .collect(Collectors.joining(", ")) + ", data " + clickHouse.dataDir();
        try {
            HttpResponse<String> response = HTTP.send(ping, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? LocalStackStatus.up(name, clickHouse.httpUrl(), detail)
                    : LocalStackStatus.down(name, clickHouse.httpUrl(), "ping " + response.statusCode() + ", " + detail);
        } catch (IOException e) {
            return LocalStackStatus.down(name, clickHouse.httpUrl(), "not answering, log " + clickHouse.logFile());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LocalStackStatus.down(name, clickHouse.httpUrl(), "health check interrupted");
        }
    }

    /**
     * Runs a start step; a port conflict becomes a message naming the port and the variable to change.
     */
    private <T> T onPort(String portVariable, Supplier<T> start) {
        try {
            return start.get();
        } catch (PortInUseException e) {
            throw portHint(portVariable, e);
        }
    }

    private static IllegalStateException portHint(String portVariable, PortInUseException e) {
        return new IllegalStateException("Port " + e.port() + " (" + e.service() + ") is already in use. "
                + "Stop the program listening there, or choose another port, e.g. "
                + portVariable + "=" + (e.port() + 1) + " ./run-local.sh", e);
    }

    /** Records a started service; if the stack was closed meanwhile (Ctrl-C during startup), stops it at once. */
    private void register(String name, Supplier<LocalStackStatus> health, AutoCloseable closer) {
        synchronized (this) {
            if (!closed) {
                running.add(new Running(name, health, closer));
                return;
            }
        }
        try {
            closer.close();
        } catch (Exception e) {
            LOG.warn("Stopping {} failed: {}", name, e.toString());
        }
        throw new IllegalStateException("stopped while starting " + name);
    }

    private boolean skipped(String name) {
        if (!config.skips(name)) {
            return false;
        }
        synchronized (this) {
            notStarted.add(LocalStackStatus.skipped(name, "in SKIP"));
        }
        return true;
    }

    private synchronized void external(String name, String address) {
        notStarted.add(LocalStackStatus.external(name, address));
    }

    private synchronized void env(String name, String value) {
        appEnvironment.put(name, value);
    }

    private void copyEnv(String... names) {
        for (String name : names) {
            String value = config.environment().get(name);
            if (value != null) {
                env(name, value);
            }
        }
    }

    /** Two launchers on one data dir would fight over it; the second one is told plainly. */
    private void lockDataDir() {
        Path lockFile = config.dataDir().resolve(".local-stack.lock");
        try {
            Files.createDirectories(config.dataDir());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // held by another stack in this JVM
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another local stack is already running on " + config.dataDir()
                        + "; stop it first, or use another DATA_DIR");
            }
            dataLock = lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use data dir " + config.dataDir(), e);
        }
    }

    private void releaseDataLock() {
        if (dataLock == null) {
            return;
        }
        try {
            dataLock.release();
            dataLock.channel().close();
        } catch (IOException e) {
            LOG.warn("Releasing the data dir lock failed: {}", e.toString());
        }
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        if (e.getCause() instanceof PortInUseException) {
            return message.toString();
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            message.append("\n  caused by: ").append(cause);
        }
        return message.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the apps", e);
        }
    }
}
