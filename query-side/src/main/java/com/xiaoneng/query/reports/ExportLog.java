package com.xiaoneng.query.reports;

import com.xiaoneng.clickhouse.ClickHouseText;
import com.xiaoneng.query.clickhouse.ClickHouseTables;
import com.xiaoneng.query.security.CurrentUser;
import com.xiaoneng.query.security.RegionScope;
import com.xiaoneng.query.web.Page;
import com.xiaoneng.query.web.Paging;
import com.xiaoneng.regions.Regions;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The export audit log, in ClickHouse table report_exports. The query side owns this table (the
 * streaming job's migrations do not know it) and creates it when it starts. A report's region is
 * stored rolled up like the case tables, so the log is scoped to the admin's region the same way.
 */
@Component
class ExportLog implements InitializingBean {
    static final Map<String, String> SORT = Map.of("exportedAt", "exported_at", "username", "username");

    private final NamedParameterJdbcTemplate jdbc;
    private final ClickHouseTables tables;

    ExportLog(NamedParameterJdbcTemplate jdbc, ClickHouseTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.getJdbcTemplate().execute("CREATE DATABASE IF NOT EXISTS " + tables.database());
        jdbc.getJdbcTemplate().execute("CREATE TABLE IF NOT EXISTS " + tables.reportExports() + " ("
                + " exported_at DateTime64(3, 'UTC'),"
                + " username String,"
                + " user_region LowCardinality(String),"
                + " report LowCardinality(String),"
                + " format LowCardinality(String),"
                + " period String,"
                + " group_by LowCardinality(String),"
                + " report_region LowCardinality(String),"
                + " report_prefecture LowCardinality(String),"
                + " report_province LowCardinality(String),"
                + " row_count UInt32"
                + ") ENGINE = MergeTree ORDER BY exported_at");
    }

    void record(ExportRecord export) {
        Map<String, Object> params = new HashMap<>();
        params.put("at", ClickHouseText.instant(export.exportedAt()));
        params.put("username", export.username());
        params.put("userRegion", export.userRegion());
        params.put("report", export.report());
        params.put("format", export.format());
        params.put("period", export.period());
        params.put("groupBy", export.groupBy());
        params.put("region", export.region());
        params.put("prefecture", Regions.prefectureOf(export.region()));
        params.put("province", Regions.provinceOf(export.region()));
        params.put("rows", export.rows());
        jdbc.update("INSERT INTO " + tables.reportExports() + " (exported_at, username, user_region, report, format,"
                + " period, group_by, report_region, report_prefecture, report_province, row_count)"
                + " VALUES (:at, :username, :userRegion, :report, :format, :period, :groupBy, :region, :prefecture,"
                + " :province, :rows)", params);
    }

    /** Exports of reports on regions in the admin's subtree, newest first by default. */
    Page<ExportRecord> list(CurrentUser admin, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = RegionScope.subtree("report_", admin.region(), "scope", params);
        Long total = jdbc.queryForObject("SELECT count() FROM " + tables.reportExports() + " WHERE " + where,
                params, Long.class);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        List<ExportRecord> rows = jdbc.query("SELECT toUnixTimestamp64Milli(exported_at) AS at, username, user_region,"
                        + " report, format, period, group_by, report_region, row_count FROM " + tables.reportExports()
                        + " WHERE " + where + " ORDER BY " + paging.orderBy() + " LIMIT :limit OFFSET :offset",
                params, (row, n) -> new ExportRecord(Instant.ofEpochMilli(row.getLong("at")), row.getString("username"),
                        row.getString("user_region"), row.getString("report"), row.getString("format"),
                        row.getString("period"), row.getString("group_by"), row.getString("report_region"),
                        row.getLong("row_count")));
        return Page.of(paging, total == null ? 0 : total, rows);
    }
}
