package com.xiaoneng.streaming.testing;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory sink for jobs on a MiniCluster in the test JVM: rows land in a static list by name. */
public final class CollectingSink<T> implements Sink<T> {
    private static final Map<String, List<Object>> ROWS = new ConcurrentHashMap<>();

    private final String name;

    public CollectingSink(String name) {
        this.name = name;
        ROWS.put(name, new CopyOnWriteArrayList<>());
    }

    @SuppressWarnings("unchecked")
    public List<T> rows() {
        return (List<T>) List.copyOf(ROWS.get(name));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> rows = ROWS.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                rows.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
