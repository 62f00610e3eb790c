package com.xiaoneng.query.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A metrics answer: the filters in force (region = the subtree actually read), one row per group and the total. */
public record Metrics<R>(Applied filters, String groupBy, List<R> rows, R total) {
    public record Applied(LocalDate from, LocalDate to, String region, String agency, String itemCode, String channel,
                          Instant asOf) {
    }
}
