package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.events.EventJson;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.KafkaDeadLetters;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers rows and sends them as one TabSeparated INSERT ({@link HttpInserter}: while ClickHouse is unreachable
 * the send is retried with backoff, blocking the task: upstream backpressure instead of loss). When ClickHouse
 * refuses the batch for its data, the batch is split in halves until the refused rows are alone; those go to the
 * dead letters with ClickHouse's reason and the rest is inserted. An INSERT is one block, so a refused one wrote
 * nothing (and a row written twice counts once anyway). All calls, including the periodic flush timer, run on
 * the task's mailbox thread.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    private final ClickHouseSettings settings;
    private final ClickHouseTable<T> table;
    private final String sql;
    private final HttpInserter inserter;
    private final ProcessingTimeService time;
    private final KafkaDeadLetters.Sender deadLetters;
    private final List<T> buffer = new ArrayList<>();
    /** Where the buffer holds the row of each replacing key (ClickHouseTable#replacingKey). */
    private final Map<Object, Integer> rowOfKey = new HashMap<>();
    private long lastSend;
    private boolean closed;

    ClickHouseSinkWriter(ClickHouseSettings settings, ClickHouseTable<T> table, ProcessingTimeService time,
                         KafkaDeadLetters.Sender deadLetters) {
        this.settings = settings;
        this.table = table;
        this.sql = HttpInserter.insertSql(settings.database(), table.name(), table.columns());
        this.inserter = new HttpInserter(settings);
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
        try {
            inserter.insertUntilAccepted(sql, HttpInserter.tabSeparated(table, rows), null,
                    settings.database() + "." + table.name() + ", " + rows.size() + " rows");
        } catch (HttpInserter.RefusedException e) {
            refused(rows, e);
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
                columns.get("case_id"), e.getMessage());
        deadLetters.send(DeadLetter.ofRow(where, (String) columns.get("case_id"),
                EventJson.mapper().writeValueAsString(columns), "ClickHouse refused the row: " + e.getMessage()));
    }
}
