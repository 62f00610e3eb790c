package com.xiaoneng.chdb;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Starts endpoints for the tests and keeps the JDBC driver's debug logging out of their output. */
final class ChdbTestSupport {

    static final String USER = "default";
    static final String PASSWORD = "local-secret";

    private ChdbTestSupport() {
    }

    static ClickHouseEndpoint start(Path dataDir) {
        quietDriverLogs();
        return ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dataDir, 0, USER, PASSWORD);
    }

    static void quietDriverLogs() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.clickhouse")).setLevel(Level.WARN);
    }

    static Connection connect(ClickHouseEndpoint endpoint) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", endpoint.user());
        props.setProperty("password", endpoint.password());
        return DriverManager.getConnection(endpoint.url(), props);
    }
}
