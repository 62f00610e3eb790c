package com.xiaoneng.query.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts by group key and column, as read from one or more GROUP BY queries. */
final class Tally {
    private final Map<String, Map<String, Long>> byKey = new TreeMap<>();

    /** A zero adds nothing and makes no group: a query of several parts gives each part's columns as 0 in the rest. */
    void add(String key, String column, long value) {
        if (value != 0) {
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(column, value, Long::sum);
        }
    }

    Iterable<String> keys() {
        return byKey.keySet();
    }

    long get(String key, String column) {
        return byKey.getOrDefault(key, Map.of()).getOrDefault(column, 0L);
    }

    /** Every key's counts summed: the groups partition the cases, so this is the total. */
    long total(String column) {
        return byKey.values().stream().mapToLong(columns -> columns.getOrDefault(column, 0L)).sum();
    }
}
