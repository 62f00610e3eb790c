package com.xiaoneng.streaming.clickhouse;

import com.clickhouse.jdbc.Driver;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.KafkaDeadLetters;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Buffers rows and sends them as one PreparedStatement batch. While ClickHouse is unreachable a send
 * is retried with exponential backoff, blocking the task: upstream backpressure instead of loss.
 * When ClickHouse refuses the batch for its data ({@link #DATA_ERRORS}), the batch is split in halves
 * until the refused rows are alone; those go to the dead letters with ClickHouse's reason and the
 * rest is inserted. An INSERT is one block, so a refused one wrote nothing (and a row written twice
 * counts once anyway). All calls, including the periodic flush timer, run on the task's mailbox thread.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
    /**
     * ClickHouse error codes (src/Common/ErrorCodes.cpp) that blame the inserted values, not the server
     * or the connection: CANNOT_PARSE_TEXT 6, CANNOT_PARSE_ESCAPE_SEQUENCE 25, CANNOT_PARSE_QUOTED_STRING 26,
     * CANNOT_PARSE_INPUT_ASSERTION_FAILED 27, CANNOT_PARSE_DATE 38, CANNOT_PARSE_DATETIME 41, TYPE_MISMATCH 53,
     * ARGUMENT_OUT_OF_BOUND 69, CANNOT_CONVERT_TYPE 70, CANNOT_PARSE_NUMBER 72, INCORRECT_DATA 117,
     * TOO_LARGE_STRING_SIZE 131, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE 321, CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN 349,
     * CANNOT_PARSE_UUID 376, DECIMAL_OVERFLOW 407, CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING 441,
     * CANNOT_PARSE_BOOL 467, VIOLATED_CONSTRAINT 469, UNKNOWN_ELEMENT_OF_ENUM 691. Anything else (no code:
     * unreachable; authentication, missing table, memory) is retried.
     */
    static final Set<Integer> DATA_ERRORS = Set.of(6, 25, 26, 27, 38, 41, 53, 69, 70, 72, 117, 131, 321, 349, 376,
            407, 441, 467, 469, 691);

    private final ClickHouseSettings settings;
    private final ClickHouseTable<T> table;
    private final String sql;
    private final ProcessingTimeService time;
    private final KafkaDeadLetters.Sender deadLetters;
    private final List<T> buffer = new ArrayList<>();
    /** Where the buffer holds the row of each replacing key (ClickHouseTable#replacingKey). */
    private final Map<Object, Integer> rowOfKey = new HashMap<>();
    private Connection connection;
    private long lastSend;
    private boolean closed;

    ClickHouseSinkWriter(ClickHouseSettings settings, ClickHouseTable<T> table, ProcessingTimeService time,
                         KafkaDeadLetters.Sender deadLetters) {
        this.settings = settings;
        this.table = table;
        this.sql = table.insertSql(settings.database());
        this.time = time;
        this.deadLetters = deadLetters;
        this.lastSend = time.getCurrentProcessingTime();
        scheduleTick();
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        Object key = table.replacingKey(row);
        if (key != null) {
            Integer at = rowOfKey.putIfAbsent(key, buffer.size());
            if (at != null) {
                // a replay folds a case many times within one batch: the table would keep the newest row only
                buffer.set(at, table.newest(buffer.get(at), row));
                return;
            }
        }
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
        deadLetters.close();
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
        sendOrSplit(buffer);
        buffer.clear();
        rowOfKey.clear();
    }

    private void sendOrSplit(List<T> rows) throws IOException, InterruptedException {
        long backoff = settings.minBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                insert(rows);
                if (attempt > 1) {
                    LOG.info("{}: sent {} rows after {} attempts", table.name(), rows.size(), attempt);
                }
                return;
            } catch (SQLException | RuntimeException e) {
                if (refusesData(e)) {
                    refused(rows, e);
                    return;
                }
                closeConnection();
                LOG.warn("{}: sending {} rows failed (attempt {}), retrying in {} ms: {}",
                        table.name(), rows.size(), attempt, backoff, causes(e));
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
    }

    /** Bisects a refused batch: log2(batch size) inserts per refused row, and the good rows still land. */
    private void refused(List<T> rows, Exception e) throws IOException, InterruptedException {
        if (rows.size() > 1) {
            int half = rows.size() / 2;
            sendOrSplit(rows.subList(0, half));
            sendOrSplit(rows.subList(half, rows.size()));
            return;
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        Object[] values = table.values(rows.get(0));
        for (int i = 0; i < values.length; i++) {
            columns.put(table.columns().get(i), values[i]);
        }
        String where = settings.database() + "." + table.name();
        LOG.error("{}: ClickHouse refused a row of case {}, sent to the dead letters: {}", where,
                columns.get("case_id"), causes(e));
        deadLetters.send(DeadLetter.ofRow(where, (String) columns.get("case_id"),
                EventJson.mapper().writeValueAsString(columns), "ClickHouse refused the row: " + e.getMessage()));
    }

    private static boolean refusesData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && DATA_ERRORS.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    private void insert(List<T> rows) throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            properties.setProperty("user", settings.user());
            properties.setProperty("password", settings.password());
            connection = new Driver().connect(settings.url(), properties);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
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
