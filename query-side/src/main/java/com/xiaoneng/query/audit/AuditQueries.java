package com.xiaoneng.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.clickhouse.ClickHouseText;
import com.xiaoneng.clickhouse.MetricSql;
import com.xiaoneng.query.clickhouse.ClickHouseTables;
import com.xiaoneng.query.security.CurrentUser;
import com.xiaoneng.query.security.RegionScope;
import com.xiaoneng.query.web.CaseFilter;
import com.xiaoneng.query.web.NotFoundException;
import com.xiaoneng.query.web.Page;
import com.xiaoneng.query.web.Paging;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Case lists for auditors, read from case_facts FINAL (one row per case, its newest state). */
@Service
public class AuditQueries {
    /** Sortable columns of the overdue list and their SQL ({@code :asOf} bound by the query). */
    static final Map<String, String> OVERDUE_SORT = columns(
            "caseId", "case_id", "itemCode", "item_code", "itemName", "item_name", "agency", "agency_code",
            "handlingRegion", "handling_region", "acceptedAt", "accepted_at", "dueAt", "due_at",
            "completedAt", "completed_at",
            // the working days overdue grow with the time overdue
            "overdueWorkingDays", "dateDiff('second', due_at, ifNull(completed_at, toDateTime64(:asOf, 3, 'UTC')))");
    static final Map<String, String> POOR_RATING_SORT = columns(
            "caseId", "case_id", "score", "rating_score", "ratedAt", "rated_at",
            "rectificationDueAt", "rectification_due_at", "rectifiedAt", "rectified_at");


    private final NamedParameterJdbcTemplate jdbc;
    private final ClickHouseTables tables;
    private final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
    private final ObjectMapper json;

    AuditQueries(NamedParameterJdbcTemplate jdbc, ClickHouseTables tables, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.json = json;
    }

    /** Open: period on the due day; late: period on the completion day. */
    public Page<OverdueRow> overdue(OverdueState state, CaseFilter filter, Paging paging, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", ClickHouseText.instant(now));
        String where = switch (state) {
            case OPEN -> MetricSql.openOverdue(MetricSql.instantParameter("asOf"))
                    + " AND " + filter.period("toDate(due_at, 'Asia/Shanghai')", params);
            case LATE -> "completed_at IS NOT NULL AND on_time = 0"
                    + " AND " + filter.period("toDate(completed_at, 'Asia/Shanghai')", params);
        } + " AND " + filter.where(params);
        long total = count(where, params);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        List<OverdueRow> rows = jdbc.query("SELECT case_id, item_code, item_name, agency_code, agency_name,"
                        + " handling_region, toUnixTimestamp64Milli(accepted_at) AS accepted,"
                        + " toUnixTimestamp64Milli(due_at) AS due, toUnixTimestamp64Milli(completed_at) AS completed"
                        + " FROM " + tables.caseFacts() + " FINAL WHERE " + where
                        + " ORDER BY " + paging.orderBy() + ", case_id LIMIT :limit OFFSET :offset", params,
                (row, n) -> {
                    Instant due = instant(row, "due");
                    Instant completed = instant(row, "completed");
                    LocalDate end = WorkingDayCalendar.localDay(completed != null ? completed : now);
                    return new OverdueRow(row.getString("case_id"), row.getString("item_code"),
                            row.getString("item_name"), row.getString("agency_code"), row.getString("agency_name"),
                            row.getString("handling_region"), instant(row, "accepted"), due, completed,
                            calendar.workingDaysBetween(WorkingDayCalendar.dayEndingAt(due), end), null);
                });
        Map<String, String> warnings = warnings(rows.stream().map(OverdueRow::caseId).toList());
        return Page.of(paging, total, rows.stream().map(r -> new OverdueRow(r.caseId(), r.itemCode(), r.itemName(),
                r.agencyCode(), r.agencyName(), r.handlingRegion(), r.acceptedAt(), r.dueAt(), r.completedAt(),
                r.overdueWorkingDays(), warnings.get(r.caseId()))).toList());
    }

    /** Bad ratings given in the period; {@code rectified} null = both. */
    public Page<PoorRatingRow> poorRatings(Boolean rectified, CaseFilter filter, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = "rating_score <= 2"
                + (rectified == null ? "" : rectified ? " AND rectified_at IS NOT NULL" : " AND rectified_at IS NULL")
                + " AND " + filter.period("toDate(rated_at, 'Asia/Shanghai')", params)
                + " AND " + filter.where(params);
        long total = count(where, params);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        List<PoorRatingRow> rows = jdbc.query("SELECT case_id, rating_score, toUnixTimestamp64Milli(rated_at) AS rated,"
                        + " toUnixTimestamp64Milli(rectification_due_at) AS rectification_due,"
                        + " toUnixTimestamp64Milli(rectified_at) AS rectified, rectified_on_time,"
                        + " item_code, agency_code, handling_region"
                        + " FROM " + tables.caseFacts() + " FINAL WHERE " + where
                        + " ORDER BY " + paging.orderBy() + ", case_id LIMIT :limit OFFSET :offset", params,
                (row, n) -> {
                    int onTime = row.getInt("rectified_on_time");
                    Boolean rectifiedOnTime = row.wasNull() ? null : onTime == 1;
                    return new PoorRatingRow(row.getString("case_id"), row.getInt("rating_score"),
                            instant(row, "rated"), instant(row, "rectification_due"), instant(row, "rectified"),
                            rectifiedOnTime, row.getString("item_code"), row.getString("agency_code"),
                            row.getString("handling_region"));
                });
        return Page.of(paging, total, rows);
    }

    /** The case's events in order; a case outside the caller's region is reported as not found. */
    public Timeline timeline(String caseId, CurrentUser user) {
        Map<String, Object> params = new HashMap<>();
        params.put("caseId", caseId);
        String scope = RegionScope.subtree("handling_", user.region(), "scope", params);
        List<TimelineEvent> events = jdbc.query("SELECT sequence, type, toUnixTimestamp64Milli(occurred_at) AS occurred,"
                        + " toUnixTimestamp64Milli(recorded_at) AS recorded, payload"
                        + " FROM " + tables.caseEvents() + " FINAL WHERE case_id = :caseId AND " + scope
                        + " ORDER BY sequence", params,
                (row, n) -> new TimelineEvent(row.getLong("sequence"), row.getString("type"),
                        instant(row, "occurred"), instant(row, "recorded"), payload(row.getString("payload"))));
        if (events.isEmpty()) {
            throw new NotFoundException("no case " + caseId + " in region " + user.region());
        }
        return new Timeline(caseId, events);
    }

    private long count(String where, Map<String, Object> params) {
        Long total = jdbc.queryForObject("SELECT count() FROM " + tables.caseFacts() + " FINAL WHERE " + where,
                params, Long.class);
        return total == null ? 0 : total;
    }

    /** The highest warning raised per case (RED over YELLOW). */
    private Map<String, String> warnings(List<String> caseIds) {
        Map<String, String> levels = new HashMap<>();
        if (caseIds.isEmpty()) {
            return levels;
        }
        jdbc.query("SELECT case_id, if(countIf(level = 'RED') > 0, 'RED', 'YELLOW') AS level FROM "
                        + tables.caseAlerts() + " FINAL WHERE case_id IN (:ids) GROUP BY case_id",
                Map.of("ids", caseIds), row -> {
                    levels.put(row.getString("case_id"), row.getString("level"));
                });
        return levels;
    }

    private JsonNode payload(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Map<String, String> columns(String... pairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put(pairs[i], pairs[i + 1]);
        }
        return columns;
    }
}
