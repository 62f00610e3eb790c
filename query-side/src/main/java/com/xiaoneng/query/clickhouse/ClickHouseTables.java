package com.xiaoneng.query.clickhouse;

import com.xiaoneng.clickhouse.MetricSql;

import java.util.regex.Pattern;

/**
 * The ClickHouse database the streaming job writes to. Table names are the only SQL text not passed
 * as parameters (identifiers cannot be), so the database name is checked to be a plain identifier.
 */
public record ClickHouseTables(String database) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ClickHouseTables {
        if (database == null || !IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("xiaoneng.clickhouse.database (CLICKHOUSE_DATABASE) must be a plain identifier, was " + database);
        }
    }

    public String caseFacts() {
        return database + ".case_facts";
    }

    public String caseEvents() {
        return database + ".case_events";
    }

    public String caseAlerts() {
        return database + ".case_alerts";
    }

    public String counts() {
        return database + "." + MetricSql.COUNTS;
    }

    public String countsByRegion() {
        return database + "." + MetricSql.COUNTS_BY_REGION;
    }

    public String overdueChanges() {
        return database + "." + MetricSql.OVERDUE_CHANGES;
    }

    public String reportExports() {
        return database + ".report_exports";
    }
}
