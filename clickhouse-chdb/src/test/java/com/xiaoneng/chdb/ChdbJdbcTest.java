package com.xiaoneng.chdb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official driver (clickhouse-jdbc 0.10.0) against the endpoint, with nothing but the URL configured. */
class ChdbJdbcTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path dir;
    static ClickHouseEndpoint endpoint;

    @BeforeAll
    static void start() {
        endpoint = ChdbTestSupport.start(dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    @Test
    void everyColumnTypeRoundTrips() throws SQLException {
        UUID uuid = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        try (Connection c = ChdbTestSupport.connect(endpoint); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE types (
                      id UInt32, s String, lc LowCardinality(String), ns Nullable(String), ni Nullable(Int32),
                      nts Nullable(DateTime64(3)), ts DateTime64(3, 'Asia/Shanghai'), d Date,
                      u8 UInt8, u16 UInt16, u64 UInt64, i32 Int32, i64 Int64, f Float64, dec Decimal(18, 4),
                      b Bool, arr Array(String), uid UUID
                    ) ENGINE = MergeTree ORDER BY id""");
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, 4_000_000_000L);
                ps.setString(2, "政务服务 it's \"quoted\"\\ \n tab\t");
                ps.setString(3, "LICENSE");
                ps.setString(4, "present");
                ps.setInt(5, -7);
                ps.setObject(6, LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_000_000));
                ps.setObject(7, ZonedDateTime.of(2025, 3, 1, 8, 30, 0, 123_000_000, SHANGHAI));
                ps.setObject(8, LocalDate.of(2026, 11, 26));
                ps.setInt(9, 255);
                ps.setInt(10, 65535);
                ps.setObject(11, new BigInteger("18446744073709551615"));
                ps.setInt(12, Integer.MIN_VALUE);
                ps.setLong(13, Long.MAX_VALUE);
                ps.setDouble(14, 3.141592653589793);
                ps.setBigDecimal(15, new BigDecimal("12345678901234.5678"));
                ps.setBoolean(16, true);
                ps.setArray(17, c.createArrayOf("String", new String[] {"a", "b,c", ""}));
                ps.setObject(18, uuid);
                ps.addBatch();
                ps.setLong(1, 1);
                ps.setString(2, "");
                ps.setString(3, "OTHER");
                ps.setNull(4, java.sql.Types.VARCHAR);
                ps.setNull(5, java.sql.Types.INTEGER);
                ps.setNull(6, java.sql.Types.TIMESTAMP);
                ps.setObject(7, ZonedDateTime.of(1970, 1, 2, 0, 0, 0, 0, SHANGHAI));
                ps.setObject(8, LocalDate.of(1970, 1, 1));
                ps.setInt(9, 0);
                ps.setInt(10, 0);
                ps.setObject(11, BigInteger.ZERO);
                ps.setInt(12, 0);
                ps.setLong(13, Long.MIN_VALUE);
                ps.setDouble(14, -0.5);
                ps.setBigDecimal(15, new BigDecimal("-0.0001"));
                ps.setBoolean(16, false);
                ps.setArray(17, c.createArrayOf("String", new String[0]));
                ps.setObject(18, new UUID(0, 0));
                ps.addBatch();
                ps.executeBatch();
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM types ORDER BY id DESC")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("id")).isEqualTo(4_000_000_000L);
                assertThat(rs.getString("s")).isEqualTo("政务服务 it's \"quoted\"\\ \n tab\t");
                assertThat(rs.getString("lc")).isEqualTo("LICENSE");
                assertThat(rs.getString("ns")).isEqualTo("present");
                assertThat(rs.getInt("ni")).isEqualTo(-7);
                assertThat(rs.getObject("nts", LocalDateTime.class))
                        .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_000_000));
                assertThat(rs.getObject("ts", ZonedDateTime.class).toInstant())
                        .isEqualTo(ZonedDateTime.of(2025, 3, 1, 8, 30, 0, 123_000_000, SHANGHAI).toInstant());
                assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2026, 11, 26));
                assertThat(rs.getInt("u8")).isEqualTo(255);
                assertThat(rs.getInt("u16")).isEqualTo(65535);
                assertThat(rs.getObject("u64", BigInteger.class)).isEqualTo(new BigInteger("18446744073709551615"));
                assertThat(rs.getInt("i32")).isEqualTo(Integer.MIN_VALUE);
                assertThat(rs.getLong("i64")).isEqualTo(Long.MAX_VALUE);
                assertThat(rs.getDouble("f")).isEqualTo(3.141592653589793);
                assertThat(rs.getBigDecimal("dec")).isEqualByComparingTo("12345678901234.5678");
                assertThat(rs.getBoolean("b")).isTrue();
                Array arr = rs.getArray("arr");
                assertThat((Object[]) arr.getArray()).containsExactly("a", "b,c", "");
                assertThat(rs.getObject("uid", UUID.class)).isEqualTo(uuid);

                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("ns")).isNull();
                assertThat(rs.getObject("ni")).isNull();
                assertThat(rs.wasNull()).isTrue();
                assertThat(rs.getObject("nts")).isNull();
                assertThat(rs.getObject("ts", ZonedDateTime.class).toInstant())
                        .isEqualTo(ZonedDateTime.of(1970, 1, 2, 0, 0, 0, 0, SHANGHAI).toInstant());
                assertThat(rs.getLong("i64")).isEqualTo(Long.MIN_VALUE);
                assertThat(rs.getBigDecimal("dec")).isEqualByComparingTo("-0.0001");
                assertThat(rs.getBoolean("b")).isFalse();
                assertThat((Object[]) rs.getArray("arr").getArray()).isEmpty();
                assertThat(rs.getObject("uid", UUID.class)).isEqualTo(new UUID(0, 0));
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT toString(ts), toTypeName(ts), toString(nts) FROM types WHERE id = 4000000000")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("2025-03-01 08:30:00.123");
                assertThat(rs.getString(2)).isEqualTo("DateTime64(3, 'Asia/Shanghai')");
                assertThat(rs.getString(3)).isEqualTo("2024-02-29 23:59:59.999");
            }
        }
    }

    @Test
    void batchOfOneHundredThousandRows() throws SQLException {
        int rows = 100_000;
        try (Connection c = ChdbTestSupport.connect(endpoint); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch (id UInt32, item LowCardinality(String), at DateTime64(3, 'Asia/Shanghai'),"
                    + " amount Decimal(18, 2)) ENGINE = MergeTree ORDER BY id");
            LocalDateTime base = LocalDateTime.of(2026, 1, 1, 9, 0);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch (id, item, at, amount) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item-" + (i % 50));
                    ps.setObject(3, base.plusSeconds(i));
                    ps.setBigDecimal(4, BigDecimal.valueOf(i % 1000, 2));
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertThat(counts).hasSize(rows);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(), sum(id), uniqExact(item), sum(amount) FROM batch")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(rows);
                assertThat(rs.getLong(2)).isEqualTo((long) rows * (rows - 1) / 2);
                assertThat(rs.getInt(3)).isEqualTo(50);
                assertThat(rs.getBigDecimal(4)).isEqualByComparingTo(BigDecimal.valueOf(100L * 499_500, 2));
            }
        }
    }

    @Test
    void serverErrorsSurfaceAsSqlExceptionsWithTheServersMessage() throws SQLException {
        try (Connection c = ChdbTestSupport.connect(endpoint); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Code: 60. DB::Exception:")
                    .hasMessageContaining("no_such_table");
            assertThatThrownBy(() -> s.execute("CREATE TABLE broken (x NoSuchType) ENGINE = Memory"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("DB::Exception");
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void eightConcurrentClientsMixingReadsAndInserts() throws Exception {
        try (Connection c = ChdbTestSupport.connect(endpoint); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mixed (client UInt8, seq UInt32, note String) ENGINE = MergeTree ORDER BY (client, seq)");
        }
        int clients = 8;
        int rounds = 15;
        int perBatch = 200;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int id = client;
                results.add(pool.submit(() -> runClient(id, rounds, perBatch)));
            }
            for (Future<Long> result : results) {
                assertThat(result.get()).isEqualTo((long) rounds * perBatch);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = ChdbTestSupport.connect(endpoint); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(), uniqExact(client, seq) FROM mixed")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo((long) clients * rounds * perBatch);
            assertThat(rs.getLong(2)).isEqualTo((long) clients * rounds * perBatch);
        }
    }

    private static long runClient(int client, int rounds, int perBatch) throws SQLException {
        try (Connection c = ChdbTestSupport.connect(endpoint)) {
            long seen = 0;
            for (int round = 0; round < rounds; round++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO mixed VALUES (?, ?, ?)")) {
                    for (int i = 0; i < perBatch; i++) {
                        ps.setInt(1, client);
                        ps.setInt(2, round * perBatch + i);
                        ps.setString(3, "client " + client + " round " + round);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT count(), max(seq) FROM mixed WHERE client = ?")) {
                    ps.setInt(1, client);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        seen = rs.getLong(1);
                        assertThat(seen).isEqualTo((long) (round + 1) * perBatch);
                        assertThat(rs.getLong(2)).isEqualTo((long) (round + 1) * perBatch - 1);
                    }
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT client, count() FROM mixed GROUP BY client ORDER BY client")) {
                    while (rs.next()) {
                        assertThat(rs.getLong(2) % perBatch).isZero();
                    }
                }
            }
            return seen;
        }
    }
}
