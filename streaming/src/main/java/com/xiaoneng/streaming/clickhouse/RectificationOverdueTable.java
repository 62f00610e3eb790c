package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.streaming.counts.RectificationOverdueRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.prefecture;
import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.province;

/**
 * {@code case_rectification_overdue_changes}: the rating's day, the instant, the dimensions, and the change of the
 * number of bad ratings unrectified past their limit.
 */
public final class RectificationOverdueTable implements SummedTable<RectificationOverdueRow> {
    @Override
    public String name() {
        return "case_rectification_overdue_changes";
    }

    @Override
    public List<String> columns() {
        return List.of("rated_day", "at", "handling_province", "handling_prefecture", "handling_region", "agency_code",
                "item_code", "channel", "cross_region_mode", "rectification_overdue");
    }

    @Override
    public Object[] values(RectificationOverdueRow row) {
        return new Object[]{LocalDate.ofEpochDay(row.ratedDay).toString(),
                ClickHouseTable.instant(Instant.ofEpochMilli(row.at)), province(row.handlingRegion),
                prefecture(row.handlingRegion), row.handlingRegion, row.agencyCode, row.itemCode, row.channel,
                row.crossRegionMode, row.change};
    }

    @Override
    public List<Object> key(RectificationOverdueRow row) {
        return List.of(row.ratedDay, row.at, row.handlingRegion, row.agencyCode, row.itemCode, row.channel,
                row.crossRegionMode);
    }

    @Override
    public RectificationOverdueRow merge(RectificationOverdueRow a, RectificationOverdueRow b) {
        return a.plus(b.change);
    }

    @Override
    public boolean isZero(RectificationOverdueRow row) {
        return row.change == 0;
    }
}
