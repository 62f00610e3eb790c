package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.streaming.counts.Counter;
import com.xiaoneng.streaming.counts.CountRow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.prefecture;
import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.province;

/**
 * {@code case_counts} (all dimensions) or {@code case_counts_by_region} (the handling region and cross-region
 * mode only): the day, the dimensions, then one column per {@link Counter}.
 */
public final class CaseCountsTable implements SummedTable<CountRow> {
    private final boolean byRegion;

    private CaseCountsTable(boolean byRegion) {
        this.byRegion = byRegion;
    }

    public static CaseCountsTable all() {
        return new CaseCountsTable(false);
    }

    public static CaseCountsTable byRegion() {
        return new CaseCountsTable(true);
    }

    @Override
    public String name() {
        return byRegion ? "case_counts_by_region" : "case_counts";
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("day", "handling_province", "handling_prefecture", "handling_region"));
        if (!byRegion) {
            columns.addAll(List.of("agency_code", "item_code", "channel"));
        }
        columns.add("cross_region_mode");
        Arrays.stream(Counter.values()).map(Counter::column).forEach(columns::add);
        return columns;
    }

    @Override
    public Object[] values(CountRow row) {
        List<Object> values = new ArrayList<>(List.of(LocalDate.ofEpochDay(row.day).toString(),
                province(row.handlingRegion), prefecture(row.handlingRegion), row.handlingRegion));
        if (!byRegion) {
            values.addAll(List.of(row.agencyCode, row.itemCode, row.channel));
        }
        values.add(row.crossRegionMode);
        for (long count : row.counts) {
            values.add(count);
        }
        return values.toArray();
    }

    /** The day and the dimensions this table keeps. */
    @Override
    public List<Object> key(CountRow row) {
        return byRegion ? List.of(row.day, row.handlingRegion, row.crossRegionMode)
                : List.of(row.day, row.handlingRegion, row.crossRegionMode, row.agencyCode, row.itemCode, row.channel);
    }

    @Override
    public CountRow merge(CountRow a, CountRow b) {
        return CountRow.plus(a, b, 1);
    }

    @Override
    public boolean isZero(CountRow row) {
        return row.isZero();
    }
}
