package com.xiaoneng.streaming.clickhouse;

import com.clickhouse.jdbc.Driver;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Buffers rows and sends them as one PreparedStatement batch. While ClickHouse is unreachable a send
 * is retried with exponential backoff, blocking the task: upstream backpressure instead of loss.
 * All calls, including the periodic flush timer, run on the task's mailbox thread.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    private final ClickHouseSettings settings;
    private final ClickHouseTable<T> table;
    private final String sql;
    private final ProcessingTimeService time;
    private final List<T> buffer = new ArrayList<>();
    private Connection connection;
    private long lastSend;
    private boolean closed;

    ClickHouseSinkWriter(ClickHouseSettings settings, ClickHouseTable<T> table, ProcessingTimeService time) {
        this.settings = settings;
        this.table = table;
        this.sql = table.insertSql(settings.database());
        this.time = time;
        this.lastSend = time.getCurrentProcessingTime();
        scheduleTick();
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        buffer.add(row);
        if (buffer.size() >= settings.batchSize()) {
            send();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        send();
    }

    @Override
    public void close() {
        closed = true;
        closeConnection();
    }

    private void scheduleTick() {
        time.registerTimer(time.getCurrentProcessingTime() + settings.flushInterval().toMillis(), now -> {
            if (closed) {
                return;
            }
            if (!buffer.isEmpty() && now - lastSend >= settings.flushInterval().toMillis()) {
                send();
            }
            scheduleTick();
        });
    }

    private void send() throws IOException, InterruptedException {
        lastSend = time.getCurrentProcessingTime();
        if (buffer.isEmpty()) {
            return;
        }
        long backoff = settings.minBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                insert();
                if (attempt > 1) {
                    LOG.info("{}: sent {} rows after {} attempts", table.name(), buffer.size(), attempt);
                }
                buffer.clear();
                return;
            } catch (SQLException | RuntimeException e) {
                closeConnection();
                LOG.warn("{}: sending {} rows failed (attempt {}), retrying in {} ms: {}",
                        table.name(), buffer.size(), attempt, backoff, causes(e));
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
    }

    private void insert() throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            properties.setProperty("user", settings.user());
            properties.setProperty("password", settings.password());
            connection = new Driver().connect(settings.url(), properties);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : buffer) {
                Object[] values = table.values(row);
                for (int i = 0; i < values.length; i++) {
                    bind(statement, i + 1, values[i]);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The exception and its causes on one line: the driver wraps the reason (refused, auth, SQL error). */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else {
            throw new IllegalArgumentException("unsupported column value " + value.getClass());
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing ClickHouse connection", e);
            }
            connection = null;
        }
    }
}
