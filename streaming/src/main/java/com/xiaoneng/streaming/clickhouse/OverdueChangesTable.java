package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.streaming.counts.OverdueRow;

import java.time.Instant;
import java.util.List;

import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.prefecture;
import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.province;

/** {@code case_overdue_changes}: the instant, the dimensions, and the change of the number open overdue. */
public final class OverdueChangesTable implements SummedTable<OverdueRow> {
    @Override
    public String name() {
        return "case_overdue_changes";
    }

    @Override
    public List<String> columns() {
        return List.of("at", "handling_province", "handling_prefecture", "handling_region", "agency_code", "item_code",
                "channel", "cross_region_mode", "open_overdue");
    }

    @Override
    public Object[] values(OverdueRow row) {
        return new Object[]{ClickHouseTable.instant(Instant.ofEpochMilli(row.at)), province(row.handlingRegion),
                prefecture(row.handlingRegion), row.handlingRegion, row.agencyCode, row.itemCode, row.channel,
                row.crossRegionMode, row.change};
    }

    @Override
    public List<Object> key(OverdueRow row) {
        return List.of(row.at, row.handlingRegion, row.agencyCode, row.itemCode, row.channel, row.crossRegionMode);
    }

    @Override
    public OverdueRow merge(OverdueRow a, OverdueRow b) {
        return a.plus(b.change);
    }

    @Override
    public boolean isZero(OverdueRow row) {
        return row.change == 0;
    }
}
