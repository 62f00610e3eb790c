package com.xiaoneng.query.testing;

import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.clickhouse.ClickHouseMigrations;
import com.xiaoneng.clickhouse.CounterSql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One chDB ClickHouse endpoint per test JVM, with the streaming job's schema (its own migrator) and
 * {@link SeedData} in database {@value #DATABASE}, the counters rebuilt from its case_facts. Stopped with the JVM.
 */
public final class TestClickHouse {
    public static final String DATABASE = "xiaoneng";

    private static ClickHouseEndpoint endpoint;

    private TestClickHouse() {
    }

    public static synchronized ClickHouseEndpoint seeded() {
        if (endpoint == null) {
            Path data = Path.of("target", "clickhouse-test");
            delete(data);
            endpoint = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), data, 0, "default", "");
            try (Connection connection = connect()) {
                ClickHouseMigrations.apply(connection, DATABASE);
                SeedData.insert(connection, DATABASE);
                // the sums the job would have written for these cases
                CounterSql.rebuild(connection, DATABASE);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot seed ClickHouse", e);
            }
        }
        return endpoint;
    }

    public static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password());
        return DriverManager.getConnection(endpoint.url(), properties);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
