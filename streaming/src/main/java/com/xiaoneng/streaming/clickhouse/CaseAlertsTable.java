package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.streaming.alerts.CaseAlert;

import java.util.List;

import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.prefecture;
import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.province;
import static com.xiaoneng.streaming.clickhouse.ClickHouseTable.instant;

public final class CaseAlertsTable implements ClickHouseTable<CaseAlert> {
    @Override
    public String name() {
        return "case_alerts";
    }

    @Override
    public List<String> columns() {
        return List.of("case_id", "level", "due_at", "warn_at", "emitted_at", "accepted_at", "allowed_working_days",
                "handling_region", "handling_prefecture", "handling_province", "agency_code", "item_code");
    }

    @Override
    public Object[] values(CaseAlert a) {
        return new Object[] {a.caseId(), a.level().name(), instant(a.dueAt()), instant(a.warnAt()),
                instant(a.emittedAt()), instant(a.acceptedAt()), a.allowedWorkingDays(),
                a.handlingRegion(), prefecture(a.handlingRegion()), province(a.handlingRegion()),
                a.agencyCode(), a.itemCode()};
    }
}
