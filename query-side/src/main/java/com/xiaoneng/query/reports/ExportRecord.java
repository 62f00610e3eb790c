package com.xiaoneng.query.reports;

import java.time.Instant;

/** One report export: who, when, with which parameters, and how many rows it had. */
public record ExportRecord(Instant exportedAt, String username, String userRegion, String report, String format,
                           String period, String groupBy, String region, long rows) {
}
