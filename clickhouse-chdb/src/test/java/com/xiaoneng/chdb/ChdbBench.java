package com.xiaoneng.chdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark, not a test (run by bench/chdb/run.sh, which preloads libjsig for the in-process engine):
 * insert throughput through the HTTP endpoint with the JDBC driver versus the same rows streamed
 * straight into chDB in this process, and GROUP BY latency over 10 million rows both ways.
 * Arguments: insert rows (default 1,000,000), GROUP BY rows (default 10,000,000).
 */
public final class ChdbBench {

    private static final String TABLE = "(id UInt64, item LowCardinality(String), region String,"
            + " at DateTime64(3, 'Asia/Shanghai'), amount Decimal(18, 2)) ENGINE = MergeTree ORDER BY id";
    private static final int BATCH = 100_000;
    private static final LocalDateTime BASE = LocalDateTime.of(2026, 1, 1, 8, 0);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> GROUP_BYS = List.of(
            "SELECT item, count(), sum(amount), avg(amount) FROM big GROUP BY item ORDER BY item",
            "SELECT region, item, count(), max(at) FROM big GROUP BY region, item ORDER BY count() DESC LIMIT 10",
            "SELECT id % 1000000 AS k, count() FROM big GROUP BY k ORDER BY count() DESC LIMIT 10");

    private ChdbBench() {
    }

    public static void main(String[] args) throws Exception {
        int insertRows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long groupRows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        ChdbTestSupport.quietDriverLogs();
        Path work = Files.createTempDirectory("chdb-bench");
        Path lib = ClickHouseEndpoint.locateLibchdb();
        // both engines live at once and every measurement alternates between the paths, so a
        // neighbour's load on this shared machine hits each path alike
        try (ClickHouseEndpoint endpoint = ClickHouseEndpoint.start(lib, work.resolve("endpoint"), 0, "default", "");
             Connection c = ChdbTestSupport.connect(endpoint);
             ChdbEngine engine = ChdbEngine.open(lib, work.resolve("direct"))) {
            List<InsertPath> paths = List.of(
                    new InsertPath("chDB in-process, Values            ", from -> directBatch(engine, "ins_values", "Values", valuesRows(from, from + BATCH))),
                    new InsertPath("chDB in-process, RowBinary         ", from -> directBatch(engine, "ins_rowbinary", "RowBinary", rowBinaryRows(from, from + BATCH))),
                    new InsertPath("HTTP POST of the same Values text  ", from -> httpBatch(endpoint, from)),
                    new InsertPath("JDBC driver PreparedStatement batch", from -> jdbcBatch(c, from)));
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE ins_http " + TABLE);
                s.execute("CREATE TABLE ins_jdbc " + TABLE);
            }
            engine.query(Sql.utf8("CREATE TABLE ins_values " + TABLE), "TabSeparated");
            engine.query(Sql.utf8("CREATE TABLE ins_rowbinary " + TABLE), "TabSeparated");
            int batches = Math.max(1, insertRows / BATCH);
            // batch -1 warms up the JIT and is not counted
            for (int batch = -1; batch < batches; batch++) {
                for (InsertPath path : paths) {
                    long start = System.nanoTime();
                    path.batch.run((batch + 1) * BATCH);
                    if (batch >= 0) {
                        path.nanos += System.nanoTime() - start;
                    }
                }
            }
            long expected = (long) (batches + 1) * BATCH;
            check(count(c, "ins_http") == expected && count(c, "ins_jdbc") == expected, "endpoint lost rows");
            check(count(engine, "ins_values") == expected && count(engine, "ins_rowbinary") == expected, "chDB lost rows");

            String fill = fillBig(groupRows);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big " + TABLE);
                s.execute(fill);
            }
            engine.query(Sql.utf8("CREATE TABLE big " + TABLE), "TabSeparated");
            engine.query(Sql.utf8(fill), "TabSeparated");
            List<double[]> latencies = new ArrayList<>();
            for (String sql : GROUP_BYS) {
                List<Double> overEndpoint = new ArrayList<>();
                List<Double> inProcess = new ArrayList<>();
                for (int run = 0; run < 6; run++) {
                    long start = System.nanoTime();
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                    long middle = System.nanoTime();
                    engine.query(Sql.utf8(sql), "RowBinaryWithNamesAndTypes");
                    long end = System.nanoTime();
                    if (run > 0) {
                        overEndpoint.add((middle - start) / 1e6);
                        inProcess.add((end - middle) / 1e6);
                    }
                }
                latencies.add(new double[] {median(overEndpoint), median(inProcess)});
            }

            double direct = BATCH * batches / (paths.get(0).nanos / 1e9);
            System.out.printf("%n== chDB %s: %,d rows, %d batches of %,d, paths interleaved ==%n",
                    engine.version(), (long) batches * BATCH, batches, BATCH);
            for (InsertPath path : paths) {
                double rate = BATCH * batches / (path.nanos / 1e9);
                System.out.printf("%s : %,12.0f rows/s  (%.2f of in-process Values)%n", path.name, rate, rate / direct);
            }
            System.out.printf("%n== GROUP BY over %,d rows, median of 5 (ms): endpoint via JDBC / in-process ==%n", groupRows);
            for (int i = 0; i < GROUP_BYS.size(); i++) {
                System.out.printf("%8.0f / %8.0f  %s%n", latencies.get(i)[0], latencies.get(i)[1], GROUP_BYS.get(i));
            }
        } finally {
            deleteTree(work);
        }
    }

    private interface Batch {
        void run(int from) throws Exception;
    }

    /** One way of inserting, with the time its counted batches took. */
    private static final class InsertPath {
        final String name;
        final Batch batch;
        long nanos;

        InsertPath(String name, Batch batch) {
            this.name = name;
            this.batch = batch;
        }
    }

    private static void jdbcBatch(Connection c, int from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ins_jdbc (id, item, region, at, amount) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = from; i < from + BATCH; i++) {
                ps.setLong(1, i);
                ps.setString(2, item(i));
                ps.setString(3, region(i));
                ps.setObject(4, BASE.plusSeconds(i));
                ps.setBigDecimal(5, amount(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The Values text the in-process path inserts, POSTed as the body of an INSERT: the endpoint without the driver. */
    private static void httpBatch(ClickHouseEndpoint endpoint, int from) throws Exception {
        URI uri = URI.create(endpoint.httpUrl() + "/?query="
                + URLEncoder.encode("INSERT INTO ins_http (id, item, region, at, amount) VALUES", StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(valuesRows(from, from + BATCH))).build(),
                HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == 200, response.body());
    }

    private static void directBatch(ChdbEngine engine, String table, String format, byte[] data) {
        engine.insert("INSERT INTO " + table + " (id, item, region, at, amount)", format, Map.of(), data, 0, data.length);
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(ChdbEngine engine, String table) {
        return Long.parseLong(new String(engine.query(Sql.utf8("SELECT count() FROM " + table), "TabSeparated").data(),
                StandardCharsets.UTF_8).strip());
    }

    private static byte[] valuesRows(int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 80);
        for (int i = from; i < to; i++) {
            sb.append(i == from ? "(" : ",(").append(i).append(",'").append(item(i)).append("','").append(region(i))
                    .append("','").append(TS.format(BASE.plusSeconds(i))).append("',").append(amount(i)).append(')');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] rowBinaryRows(int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 48);
        for (int i = from; i < to; i++) {
            writeLong(out, i);
            writeString(out, item(i));
            writeString(out, region(i));
            writeLong(out, BASE.plusSeconds(i).atZone(SHANGHAI).toInstant().toEpochMilli());
            writeLong(out, amount(i).unscaledValue().longValueExact());
        }
        return out.toByteArray();
    }

    private static String fillBig(long rows) {
        return "INSERT INTO big SELECT number, concat('item-', toString(number % 50)), concat('65', toString(number % 14)),"
                + " toDateTime64('2026-01-01 08:00:00', 3, 'Asia/Shanghai') + number, toDecimal64(number % 100000, 2) / 100"
                + " FROM numbers(" + rows + ")";
    }

    private static String item(int i) {
        return "item-" + (i % 50);
    }

    private static String region(int i) {
        return "65" + (i % 14);
    }

    private static BigDecimal amount(int i) {
        return BigDecimal.valueOf(i % 100_000, 2);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int b = 0; b < 8; b++) {
            out.write((int) (v >>> (8 * b)));
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        while (n >= 0x80) {
            out.write((n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write(n);
        out.writeBytes(bytes);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
