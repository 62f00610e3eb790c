package com.xiaoneng.query.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** The scoreboard and its header block, the same in every format. */
public record AssessmentReport(String title, String period, LocalDate from, LocalDate to, String groupBy, String scope,
                               String scopeName, Instant openOverdueAsOf, Instant generatedAt, String generatedBy,
                               ReportWeights weights, List<AssessmentRow> rows) {
    static final List<String> COLUMNS = List.of("rank", "code", "name", "completed", "onTimeRate", "openOverdue",
            "notOverdueShare", "ratings", "goodRate", "bad", "rectificationRate", "crossRegion", "score");

    /** The row's cells in {@link #COLUMNS} order: Strings, Longs, Integers, BigDecimals or null. */
    static List<Object> cells(AssessmentRow row) {
        return Arrays.asList(row.rank(), row.code(), row.name(), row.completed(), row.onTimeRate(),
                row.openOverdue(), row.notOverdueShare(), row.ratings(), row.goodRate(), row.bad(),
                row.rectificationRate(), row.crossRegion(), row.score());
    }
}
