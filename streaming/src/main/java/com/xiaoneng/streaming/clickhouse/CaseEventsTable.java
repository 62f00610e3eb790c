package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.regions.Regions;
import com.xiaoneng.streaming.cases.CaseEventRow;

import java.util.List;

import static com.xiaoneng.streaming.clickhouse.ClickHouseTable.flag;
import static com.xiaoneng.streaming.clickhouse.ClickHouseTable.instant;

public final class CaseEventsTable implements ClickHouseTable<CaseEventRow> {
    @Override
    public String name() {
        return "case_events";
    }

    @Override
    public List<String> columns() {
        return List.of("event_id", "case_id", "sequence", "type", "occurred_at", "recorded_at",
                "handling_region", "handling_prefecture", "handling_province",
                "accepting_region", "accepting_prefecture", "accepting_province",
                "agency_code", "item_code", "channel", "cross_region_mode", "payload",
                "on_time", "working_days", "rating_score", "rating_defaulted", "rectified_on_time",
                "rating_key", "supersedes_at");
    }

    @Override
    public Object[] values(CaseEventRow row) {
        return new Object[] {row.eventId(), row.caseId(), row.sequence(), row.type(), instant(row.occurredAt()),
                instant(row.recordedAt()),
                row.handlingRegion(), prefecture(row.handlingRegion()), province(row.handlingRegion()),
                row.acceptingRegion(), prefecture(row.acceptingRegion()), province(row.acceptingRegion()),
                row.agencyCode(), row.itemCode(), row.channel(), row.crossRegionMode(), row.payload(),
                flag(row.onTime()), row.workingDays(), row.ratingScore(), flag(row.ratingDefaulted()),
                flag(row.rectifiedOnTime()), row.ratingKey(), instant(row.supersedesAt())};
    }

    static String prefecture(String region) {
        return region == null || region.isEmpty() ? region : Regions.prefectureOf(region);
    }

    static String province(String region) {
        return region == null || region.isEmpty() ? region : Regions.provinceOf(region);
    }
}
