package com.xiaoneng.localstack.clickhouse;

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
        try {
            double jdbcRate;
            double httpRate;
            List<Double> endpointLatencies;
            try (ClickHouseEndpoint endpoint = ClickHouseEndpoint.start(lib, work.resolve("endpoint"), 0, "default", "");
                 Connection c = ChdbTestSupport.connect(endpoint)) {
                // a first, untimed batch through each path warms up the JIT
                jdbcInsert(c, "warm_jdbc", BATCH);
                jdbcRate = jdbcInsert(c, "ins_jdbc", insertRows);
                httpInsert(c, endpoint, "warm_http", BATCH);
                httpRate = httpInsert(c, endpoint, "ins_http", insertRows);
                endpointLatencies = groupByOverJdbc(c, groupRows);
            }
            try (ChdbEngine engine = ChdbEngine.open(lib, work.resolve("direct"))) {
                directInsert(engine, "warm_values", BATCH, "Values", ChdbBench::valuesRows);
                double valuesRate = directInsert(engine, "ins_values", insertRows, "Values", ChdbBench::valuesRows);
                directInsert(engine, "warm_rowbinary", BATCH, "RowBinary", ChdbBench::rowBinaryRows);
                double rowBinaryRate = directInsert(engine, "ins_rowbinary", insertRows, "RowBinary", ChdbBench::rowBinaryRows);
                List<Double> directLatencies = groupByDirect(engine, groupRows);

                System.out.printf("%n== chDB %s, %,d rows inserted in batches of %,d ==%n", engine.version(), insertRows, BATCH);
                System.out.printf("chDB in-process, Values             : %,12.0f rows/s%n", valuesRate);
                System.out.printf("chDB in-process, RowBinary          : %,12.0f rows/s%n", rowBinaryRate);
                System.out.printf("HTTP POST of the same Values text   : %,12.0f rows/s  (HTTP layer: %.2f of in-process Values)%n",
                        httpRate, httpRate / valuesRate);
                System.out.printf("JDBC driver PreparedStatement batch : %,12.0f rows/s  (driver + HTTP: %.2f of in-process Values)%n",
                        jdbcRate, jdbcRate / valuesRate);
                System.out.printf("%n== GROUP BY over %,d rows, median of 5 (ms): endpoint via JDBC / in-process ==%n", groupRows);
                for (int i = 0; i < GROUP_BYS.size(); i++) {
                    System.out.printf("%8.0f / %8.0f  %s%n", endpointLatencies.get(i), directLatencies.get(i), GROUP_BYS.get(i));
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    private static double jdbcInsert(Connection c, String table, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " " + TABLE);
        }
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, item, region, at, amount) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, i);
                ps.setString(2, item(i));
                ps.setString(3, region(i));
                ps.setObject(4, BASE.plusSeconds(i));
                ps.setBigDecimal(5, amount(i));
                ps.addBatch();
                if ((i + 1) % BATCH == 0 || i == rows - 1) {
                    ps.executeBatch();
                }
            }
        }
        double rate = rows / seconds(start);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
            rs.next();
            check(rs.getLong(1) == rows, "JDBC insert lost rows");
        }
        return rate;
    }

    /** The Values text the direct path inserts, POSTed as the body of an INSERT: the endpoint without the driver. */
    private static double httpInsert(Connection c, ClickHouseEndpoint endpoint, String table, int rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " " + TABLE);
        }
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(endpoint.httpUrl() + "/?query="
                + URLEncoder.encode("INSERT INTO " + table + " (id, item, region, at, amount) VALUES", StandardCharsets.UTF_8));
        long start = System.nanoTime();
        for (int from = 0; from < rows; from += BATCH) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(valuesRows(from, Math.min(rows, from + BATCH)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            check(response.statusCode() == 200, response.body());
        }
        double rate = rows / seconds(start);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
            rs.next();
            check(rs.getLong(1) == rows, "HTTP insert lost rows");
        }
        return rate;
    }

    private interface Encoder {
        byte[] encode(int from, int to);
    }

    private static double directInsert(ChdbEngine engine, String table, int rows, String format, Encoder encoder) {
        engine.query(Sql.utf8("CREATE TABLE " + table + " " + TABLE), "TabSeparated");
        long start = System.nanoTime();
        for (int from = 0; from < rows; from += BATCH) {
            byte[] data = encoder.encode(from, Math.min(rows, from + BATCH));
            engine.insert("INSERT INTO " + table + " (id, item, region, at, amount)", format, Map.of(), data, 0, data.length);
        }
        double rate = rows / seconds(start);
        String count = new String(engine.query(Sql.utf8("SELECT count() FROM " + table), "TabSeparated").data(),
                StandardCharsets.UTF_8).strip();
        check(count.equals(Integer.toString(rows)), format + " insert lost rows");
        return rate;
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
            writeLong(out, BASE.plusSeconds(i).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli());
            writeLong(out, amount(i).unscaledValue().longValueExact());
        }
        return out.toByteArray();
    }

    private static List<Double> groupByOverJdbc(Connection c, long rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big " + TABLE);
            s.execute(fillBig(rows));
        }
        List<Double> medians = new ArrayList<>();
        for (String sql : GROUP_BYS) {
            List<Double> runs = new ArrayList<>();
            for (int run = 0; run < 6; run++) {
                long start = System.nanoTime();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
                if (run > 0) {
                    runs.add(seconds(start) * 1000);
                }
            }
            medians.add(median(runs));
        }
        return medians;
    }

    private static List<Double> groupByDirect(ChdbEngine engine, long rows) {
        engine.query(Sql.utf8("CREATE TABLE big " + TABLE), "TabSeparated");
        engine.query(Sql.utf8(fillBig(rows)), "TabSeparated");
        List<Double> medians = new ArrayList<>();
        for (String sql : GROUP_BYS) {
            List<Double> runs = new ArrayList<>();
            for (int run = 0; run < 6; run++) {
                long start = System.nanoTime();
                engine.query(Sql.utf8(sql), "RowBinaryWithNamesAndTypes");
                if (run > 0) {
                    runs.add(seconds(start) * 1000);
                }
            }
            medians.add(median(runs));
        }
        return medians;
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

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
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
