package com.xiaoneng.command.bench;

import com.xiaoneng.command.CommandSideApplication;
import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Command-side benchmark (issue 2 §7). Starts the command side in-process on a fresh embedded
 * PostgreSQL, drives N whole case lifecycles (submit, accept, complete, rate) over HTTP/1.1 from C
 * concurrent clients, prints throughput and per-command latency, then inserts the same number of rows
 * into a copy of domain_event_entry with plain JDBC batches as the storage ceiling to compare with.
 * <p>
 * Arguments (or environment): cases (BENCH_CASES, default 20000), clients (BENCH_CLIENTS, default 8),
 * warm-up cases (BENCH_WARMUP, default 500; run before the measurement and not counted in it).
 * Not a test: a main compiled with test scope so it stays out of the production jar. No assertions on
 * timings; it only fails if a command fails or the stored event count is not what was sent.
 */
public final class CommandSideBench {
    private static final String ADMIN_AUTH = "Basic "
            + java.util.Base64.getEncoder().encodeToString("admin:admin-pass".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final String ITEM = "BENCH-ITEM-1";
    static final String[] COMMANDS = {"submit", "accept", "complete", "rate"};
    static final int JDBC_BATCH = 1_000;

    public static void main(String[] args) throws Exception {
        int cases = intArg(args, 0, "BENCH_CASES", 20_000);
        int clients = intArg(args, 1, "BENCH_CLIENTS", 8);
        int warmup = intArg(args, 2, "BENCH_WARMUP", 500);

        System.out.printf(Locale.ROOT, "java: %s %s (%s), heap max %d MiB, available processors %d%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "load average before start: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "cases %d, clients %d, warm-up cases %d, commands per case %d%n%n",
                cases, clients, warmup, COMMANDS.length);

        // no network here: the Axon update checker would only log connection failures
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("command-side-bench");
        long startupBegin = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CommandSideApplication.class)
                .logStartupInfo(false)
                .run("--server.port=0",
                        "--xiaoneng.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                        "--xiaoneng.embedded-postgres.port=" + freePort(),
                        "--xiaoneng.catalog.seed-sample=false",
                        "--xiaoneng.rules.default-rating-days=0",
                        "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
        int exitCode = 0;
        try {
            String base = "http://127.0.0.1:" + app.getBean(Environment.class).getProperty("local.server.port");
            DataSource dataSource = app.getBean(DataSource.class);
            System.out.printf(Locale.ROOT, "application and embedded PostgreSQL started in %.1f s (data in %s)%n",
                    (System.nanoTime() - startupBegin) / 1e9, dataDir);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                System.out.println("database: " + rs.getString(1));
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name)"
                         + " FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'shared_buffers', 'wal_level',"
                         + " 'max_connections', 'full_page_writes', 'checkpoint_timeout', 'max_wal_size')")) {
                rs.next();
                System.out.println("database settings: " + rs.getString(1));
            }

            HttpClient setup = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> item = setup.send(HttpRequest.newBuilder(URI.create(base + "/api/catalog/items/" + ITEM))
                    .header("Content-Type", "application/json")
                .header("Authorization", ADMIN_AUTH)
                    .PUT(HttpRequest.BodyPublishers.ofString(itemJson())).build(), HttpResponse.BodyHandlers.ofString());
            if (item.statusCode() != 200 && item.statusCode() != 201) {
                throw new IllegalStateException("catalog item not created: " + item.statusCode() + " " + item.body());
            }

            // every business time lies in the last hours and increases within a case
            Instant origin = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

            if (warmup > 0) {
                long before = countEvents(dataSource);
                Run warm = drive(base, origin, 0, warmup, Math.min(clients, warmup));
                warm.failIfAny();
                System.out.printf(Locale.ROOT, "warm-up: %d cases, %d commands in %.1f s, %d events stored%n%n",
                        warmup, warm.commands(), warm.wallNanos / 1e9, countEvents(dataSource) - before);
            }

            long eventsBefore = countEvents(dataSource);
            Map<String, Long> pgBefore = pgStats(dataSource);
            CpuSnapshot cpuBefore = CpuSnapshot.take();
            Run run = drive(base, origin, warmup, cases, clients);
            CpuSnapshot cpuAfter = CpuSnapshot.take();
            Thread.sleep(1_000); // PostgreSQL 14's stats collector reports every 500 ms
            Map<String, Long> pgAfter = pgStats(dataSource);
            run.failIfAny();
            long eventsStored = countEvents(dataSource) - eventsBefore;
            long expected = (long) cases * COMMANDS.length;
            double wall = run.wallNanos / 1e9;
            double eventsPerSecond = eventsStored / wall;

            System.out.println("== HTTP path: submit + accept + complete + rate per case ==");
            System.out.printf(Locale.ROOT, "cases                 %,d%n", cases);
            System.out.printf(Locale.ROOT, "clients               %d (HTTP/1.1, one connection each, whole lifecycles sequentially)%n", clients);
            System.out.printf(Locale.ROOT, "total commands        %,d%n", run.commands());
            System.out.printf(Locale.ROOT, "events stored         %,d (count(*) on domain_event_entry, expected %,d)%n", eventsStored, expected);
            System.out.printf(Locale.ROOT, "wall time             %.2f s%n", wall);
            System.out.printf(Locale.ROOT, "commands/s            %,.0f%n", run.commands() / wall);
            System.out.printf(Locale.ROOT, "events/s              %,.0f%n", eventsPerSecond);
            System.out.println();
            System.out.println("latency per command (ms, client side, HdrHistogram):");
            System.out.printf(Locale.ROOT, "  %-9s %9s %8s %8s %8s %8s %8s%n", "command", "count", "mean", "p50", "p90", "p99", "max");
            Histogram all = new Histogram(3);
            for (int i = 0; i < COMMANDS.length; i++) {
                printLatency(COMMANDS[i], run.latencies[i]);
                all.add(run.latencies[i]);
            }
            printLatency("overall", all);
            System.out.println();
            printCpu(cpuBefore, cpuAfter, run);
            printPgStats(pgBefore, pgAfter, run.commands());

            if (eventsStored != expected) {
                System.out.printf("ERROR: %d events stored, expected %d%n", eventsStored, expected);
                exitCode = 1;
            }

            System.out.println();
            System.out.println("== plain JDBC batch insert into bench_event_entry (LIKE domain_event_entry INCLUDING ALL) ==");
            double rowsPerSecond = jdbcBaseline(dataSource, dataSource::getConnection, (int) eventsStored, "plain JDBC batches");
            // for reference only: the same with the driver rewriting each batch into multi-row INSERTs
            com.zaxxer.hikari.HikariDataSource hikari = (com.zaxxer.hikari.HikariDataSource) dataSource;
            String url = hikari.getJdbcUrl();
            double rewritten = jdbcBaseline(dataSource, () -> java.sql.DriverManager.getConnection(
                    url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", hikari.getUsername(),
                    hikari.getPassword()), (int) eventsStored,
                    "reWriteBatchedInserts=true (reference only)");
            System.out.println();
            System.out.printf(Locale.ROOT, "ratio HTTP path events/s / JDBC batch rows/s = %,.0f / %,.0f = %.4f (1 : %.0f)%n",
                    eventsPerSecond, rowsPerSecond, eventsPerSecond / rowsPerSecond, rowsPerSecond / eventsPerSecond);
            System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
        } finally {
            app.close();
            deleteTree(dataDir);
        }
        System.exit(exitCode);
    }

    // ---------------------------------------------------------------- the HTTP path

    static final class Run {
        final Histogram[] latencies = new Histogram[COMMANDS.length];
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong failureCount = new AtomicLong();
        /** CPU time of the client threads, taken by each thread as it ends (ended threads leave no trace in the MXBean). */
        final AtomicLong clientCpuNanos = new AtomicLong();
        long wallNanos;

        Run() {
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = new Histogram(3);
            }
        }

        long commands() {
            long n = 0;
            for (Histogram h : latencies) {
                n += h.getTotalCount();
            }
            return n;
        }

        void failIfAny() {
            if (failureCount.get() > 0) {
                failures.forEach(f -> System.out.println("FAILED: " + f));
                throw new IllegalStateException(failureCount.get() + " commands failed");
            }
        }
    }

    /** C clients, each with its own HttpClient (so its own HTTP/1.1 connection), pulling case numbers from a counter. */
    static Run drive(String base, Instant origin, int firstCase, int cases, int clients) throws InterruptedException {
        Run run = new Run();
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Histogram[]> perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Histogram[] mine = new Histogram[COMMANDS.length];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = new Histogram(3);
            }
            perClient.add(mine);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            Thread thread = new Thread(() -> {
                int n;
                while ((n = next.getAndIncrement()) < cases) {
                    try {
                        lifecycle(http, base, origin, firstCase + n, mine, run);
                    } catch (Exception e) {
                        run.failureCount.incrementAndGet();
                        if (run.failures.size() < 10) {
                            run.failures.add("case " + (firstCase + n) + ": " + e);
                        }
                    }
                }
                run.clientCpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }, "bench-client-" + c);
            threads.add(thread);
        }
        long begin = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        run.wallNanos = System.nanoTime() - begin;
        for (Histogram[] mine : perClient) {
            for (int i = 0; i < mine.length; i++) {
                run.latencies[i].add(mine[i]);
            }
        }
        return run;
    }

    static void lifecycle(HttpClient http, String base, Instant origin, int n, Histogram[] latencies, Run run)
            throws IOException, InterruptedException {
        // cases spread over the hour after origin; each case's own times step by minutes
        Instant submitted = origin.plusSeconds(n % 3_600);
        String region = n % 2 == 0 ? "650102" : "650103";
        String caseId = UUID.randomUUID().toString();
        String submit = """
                {"caseId":"%s","itemCode":"%s","applicant":{"type":"PERSON","id":"6501021990%08d"},"channel":"%s",
                 "acceptingRegion":"%s","handlingRegion":"%s","submittedAt":"%s"}"""
                .formatted(caseId, ITEM, n, n % 3 == 0 ? "ONLINE" : "HALL", region, region, submitted);
        call(http, base + "/api/cases", submit, 201, latencies[0], run);
        call(http, base + "/api/cases/" + caseId + "/accept",
                "{\"at\":\"" + submitted.plusSeconds(60) + "\"}", 200, latencies[1], run);
        call(http, base + "/api/cases/" + caseId + "/complete",
                "{\"at\":\"" + submitted.plusSeconds(120) + "\",\"outcome\":\"APPROVED\"}", 200, latencies[2], run);
        call(http, base + "/api/cases/" + caseId + "/rate",
                "{\"at\":\"" + submitted.plusSeconds(180) + "\",\"score\":" + (1 + n % 5) + ",\"comment\":\"办理顺利\"}",
                200, latencies[3], run);
    }

    static void call(HttpClient http, String url, String body, int expectedStatus, Histogram latency, Run run)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", ADMIN_AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long begin = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long micros = (System.nanoTime() - begin) / 1_000;
        latency.recordValue(Math.max(1, micros));
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    static void printLatency(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "  %-9s %,9d %8.2f %8.2f %8.2f %8.2f %8.2f%n", name, h.getTotalCount(),
                h.getMean() / 1e3, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    // ---------------------------------------------------------------- the JDBC ceiling

    /** Inserts {@code rows} rows shaped like the stored events in batches of 1,000, one commit per batch. */
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    static double jdbcBaseline(DataSource dataSource, ConnectionSource connections, int rows, String label) throws SQLException {
        System.out.println("-- " + label);
        int payloadLength;
        int metaLength;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT avg(length(payload))::int, avg(length(meta_data))::int,"
                    + " min(length(payload)), max(length(payload)) FROM domain_event_entry")) {
                rs.next();
                payloadLength = rs.getInt(1);
                metaLength = rs.getInt(2);
                System.out.printf(Locale.ROOT, "stored event payload bytes: avg %d (min %d, max %d); meta_data avg %d%n",
                        payloadLength, rs.getInt(3), rs.getInt(4), metaLength);
            }
            s.execute("DROP TABLE IF EXISTS bench_event_entry");
            s.execute("DROP SEQUENCE IF EXISTS bench_event_entry_seq");
            s.execute("CREATE TABLE bench_event_entry (LIKE domain_event_entry INCLUDING ALL)");
            // LIKE copies the default nextval() of the event store's own sequence: give the copy its own
            s.execute("CREATE SEQUENCE bench_event_entry_seq OWNED BY bench_event_entry.global_index");
            s.execute("ALTER TABLE bench_event_entry ALTER COLUMN global_index SET DEFAULT nextval('bench_event_entry_seq')");
        }
        String[] types = {"com.xiaoneng.events.CaseSubmitted", "com.xiaoneng.events.CaseAccepted",
                "com.xiaoneng.events.CaseCompleted", "com.xiaoneng.events.CaseRated"};
        Random random = new Random(42);
        byte[] payload = jsonLikeBytes(random, payloadLength);
        byte[] meta = jsonLikeBytes(random, metaLength);
        String sql = "INSERT INTO bench_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,"
                + " time_stamp, aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        long begin = System.nanoTime();
        try (Connection c = connections.open(); PreparedStatement insert = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            String aggregate = null;
            Instant time = Instant.now().minus(3, ChronoUnit.HOURS);
            for (int i = 0; i < rows; i++) {
                int sequence = i % COMMANDS.length;
                if (sequence == 0) {
                    aggregate = UUID.randomUUID().toString();
                }
                // vary a few bytes so the rows are not identical
                payload[payload.length / 2] = (byte) ('a' + i % 26);
                insert.setString(1, UUID.randomUUID().toString());
                insert.setBytes(2, meta);
                insert.setBytes(3, payload);
                insert.setString(4, null);
                insert.setString(5, types[sequence]);
                insert.setString(6, time.plusMillis(i).toString());
                insert.setString(7, aggregate);
                insert.setLong(8, sequence);
                insert.setString(9, "ServiceCase");
                insert.addBatch();
                if ((i + 1) % JDBC_BATCH == 0 || i == rows - 1) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long count;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM bench_event_entry")) {
            rs.next();
            count = rs.getLong(1);
        }
        double rowsPerSecond = rows / seconds;
        System.out.printf(Locale.ROOT, "rows inserted         %,d (count(*) %,d), batches of %,d, one commit per batch%n",
                rows, count, JDBC_BATCH);
        System.out.printf(Locale.ROOT, "wall time             %.2f s%n", seconds);
        System.out.printf(Locale.ROOT, "rows/s                %,.0f%n", rowsPerSecond);
        return rowsPerSecond;
    }

    static byte[] jsonLikeBytes(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789\":,{}-T";
        byte[] bytes = new byte[Math.max(1, length)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return bytes;
    }

    // ---------------------------------------------------------------- where the time goes

    static long countEvents(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, Long> pgStats(DataSource dataSource) throws SQLException {
        Map<String, Long> stats = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted,"
                    + " tup_updated, tup_deleted, blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    stats.put(rs.getMetaData().getColumnName(i), rs.getLong(i));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT wal_records, wal_bytes, wal_sync FROM pg_stat_wal")) {
                if (rs.next()) {
                    stats.put("wal_records", rs.getLong(1));
                    stats.put("wal_bytes", rs.getLong(2));
                    stats.put("wal_sync", rs.getLong(3));
                }
            } catch (SQLException e) {
                // pg_stat_wal needs PostgreSQL 14+
            }
            // pg_stat_database lags by the stats collector's interval; ask for fresh figures next time
            s.execute("SELECT pg_stat_clear_snapshot()");
        }
        return stats;
    }

    static void printPgStats(Map<String, Long> before, Map<String, Long> after, long commands) {
        System.out.println("PostgreSQL counters over the run (pg_stat_database / pg_stat_wal; the stats collector may lag by up to 0.5 s):");
        StringBuilder line = new StringBuilder("  ");
        after.forEach((key, value) -> {
            long delta = value - before.getOrDefault(key, 0L);
            line.append(String.format(Locale.ROOT, "%s %,d (%.1f/command)  ", key, delta, (double) delta / commands));
            if (line.length() > 110) {
                System.out.println(line);
                line.setLength(2);
            }
        });
        if (line.length() > 2) {
            System.out.println(line);
        }
    }

    /** CPU time of this JVM's threads (grouped), of the PostgreSQL processes and of the whole machine. */
    record CpuSnapshot(Map<Long, ThreadCpu> threads, long gcMillis, long gcCount, long postgresTicks, long[] machineTicks) {
        record ThreadCpu(String name, long nanos) {
        }

        static CpuSnapshot take() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<Long, ThreadCpu> threads = new HashMap<>();
            for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info != null) {
                    long cpu = mx.getThreadCpuTime(info.getThreadId());
                    if (cpu >= 0) {
                        threads.put(info.getThreadId(), new ThreadCpu(info.getThreadName(), cpu));
                    }
                }
            }
            long gcMillis = 0;
            long gcCount = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcMillis += Math.max(0, gc.getCollectionTime());
                gcCount += Math.max(0, gc.getCollectionCount());
            }
            return new CpuSnapshot(threads, gcMillis, gcCount, readPostgresTicks(), readMachineTicks());
        }
    }

    static void printCpu(CpuSnapshot before, CpuSnapshot after, Run run) {
        long wallNanos = run.wallNanos;
        Map<String, Long> groups = new LinkedHashMap<>();
        groups.put("bench client threads (build, send, wait)", run.clientCpuNanos.get());
        after.threads().forEach((id, t) -> {
            CpuSnapshot.ThreadCpu old = before.threads().get(id);
            long delta = t.nanos() - (old == null ? 0 : old.nanos());
            groups.merge(threadGroup(t.name()), delta, Long::sum);
        });
        double wall = wallNanos / 1e9;
        long ticksPerSecond = 100; // USER_HZ on Linux
        System.out.printf(Locale.ROOT, "CPU over the %.1f s run (2 cores = %.1f core-seconds available):%n", wall,
                wall * Runtime.getRuntime().availableProcessors());
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> System.out.printf(Locale.ROOT, "  JVM %-38s %7.1f s%n", e.getKey(), e.getValue() / 1e9));
        System.out.printf(Locale.ROOT, "  JVM GC: %d collections, %.1f s pause/collection time%n",
                after.gcCount() - before.gcCount(), (after.gcMillis() - before.gcMillis()) / 1e3);
        System.out.printf(Locale.ROOT, "  PostgreSQL processes (utime+stime)          %7.1f s%n",
                (after.postgresTicks() - before.postgresTicks()) / (double) ticksPerSecond);
        long[] b = before.machineTicks();
        long[] a = after.machineTicks();
        if (a.length > 0 && b.length > 0) {
            double busy = (a[0] - b[0]) / (double) ticksPerSecond;
            double idle = (a[1] - b[1]) / (double) ticksPerSecond;
            double iowait = (a[2] - b[2]) / (double) ticksPerSecond;
            System.out.printf(Locale.ROOT, "  whole machine (/proc/stat): busy %.1f s, idle %.1f s, iowait %.1f s%n", busy, idle, iowait);
        }
    }

    static String threadGroup(String name) {
        if (name.startsWith("http-nio-") && name.contains("exec")) {
            return "Tomcat request threads (server)";
        }
        if (name.startsWith("http-nio-")) {
            return "Tomcat acceptor/poller";
        }
        if (name.startsWith("HttpClient-")) {
            return "java.net.http selector threads (client)";
        }
        if (name.contains("C2 CompilerThread") || name.contains("C1 CompilerThread")) {
            return "JIT compiler";
        }
        if (name.startsWith("G1") || name.startsWith("GC") || name.contains("Conc") || name.startsWith("VM Thread")) {
            return "GC / VM";
        }
        return "other";
    }

    static long readPostgresTicks() {
        long total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String pid = proc.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(open + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    // fields[0] is state (field 3): utime is field 14, stime field 15
                    total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    // process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** {busy, idle, iowait} ticks of all CPUs from /proc/stat. */
    static long[] readMachineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long user = Long.parseLong(cpu[1]);
            long nice = Long.parseLong(cpu[2]);
            long system = Long.parseLong(cpu[3]);
            long idle = Long.parseLong(cpu[4]);
            long iowait = Long.parseLong(cpu[5]);
            long irq = Long.parseLong(cpu[6]);
            long softirq = Long.parseLong(cpu[7]);
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            return new long[] {user + nice + system + irq + softirq + steal, idle, iowait};
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    // ---------------------------------------------------------------- helpers

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static int intArg(String[] args, int index, String env, int fallback) {
        String value = args.length > index ? args[index] : System.getenv(env);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim().replace("_", ""));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String itemJson() {
        return """
                {"name":"居民身份证换领","type":"LICENSE","legalBasis":"《中华人民共和国居民身份证法》","agencyCode":"650100-GA",
                 "agencyName":"乌鲁木齐市公安局","regionCode":"650100","statutoryLimitDays":20,"promisedLimitDays":3,
                 "crossRegionScope":"NONE","feeYuan":0}""";
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not delete " + root + ": " + e);
        }
    }

    private CommandSideBench() {
    }
}
