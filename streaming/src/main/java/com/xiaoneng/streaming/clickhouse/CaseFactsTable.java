package com.xiaoneng.streaming.clickhouse;

import com.xiaoneng.streaming.cases.CaseState;

import java.util.List;

import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.prefecture;
import static com.xiaoneng.streaming.clickhouse.CaseEventsTable.province;
import static com.xiaoneng.streaming.clickhouse.ClickHouseTable.flag;
import static com.xiaoneng.streaming.clickhouse.ClickHouseTable.instant;
import static com.xiaoneng.streaming.clickhouse.ClickHouseTable.enumName;

public final class CaseFactsTable implements ClickHouseTable<CaseState> {
    @Override
    public String name() {
        return "case_facts";
    }

    @Override
    public List<String> columns() {
        return List.of("case_id", "version", "status",
                "item_code", "item_version", "item_name", "item_type", "agency_code", "agency_name",
                "handling_region", "handling_prefecture", "handling_province",
                "accepting_region", "accepting_prefecture", "accepting_province",
                "cross_region_mode", "channel", "applicant_type", "applicant_pseudonym",
                "submitted_at", "accepted_at", "statutory_limit_days", "promised_limit_days",
                "due_at", "due_provisional", "deficiency_correction_due_at", "corrected_at",
                "suspended", "suspended_working_days", "extended_days",
                "not_accepted_at", "revoked_at", "completed_at", "outcome", "on_time", "working_days_to_complete",
                "rating_score", "rating_defaulted", "rated_at", "rectification_due_at", "rectified_at",
                "rectified_on_time", "last_event_at", "updated_at");
    }

    /** ReplacingMergeTree(version) on case_id: of a case's rows in one batch only the newest needs sending. */
    @Override
    public Object replacingKey(CaseState row) {
        return row.caseId;
    }

    @Override
    public CaseState newest(CaseState a, CaseState b) {
        return b.lastSequence >= a.lastSequence ? b : a;
    }

    @Override
    public Object[] values(CaseState s) {
        return new Object[] {s.caseId, s.lastSequence, enumName(s.status),
                s.itemCode, s.itemVersion, s.itemName, enumName(s.itemType), s.agencyCode, s.agencyName,
                s.handlingRegion, prefecture(s.handlingRegion), province(s.handlingRegion),
                s.acceptingRegion, prefecture(s.acceptingRegion), province(s.acceptingRegion),
                enumName(s.crossRegionMode), enumName(s.channel), enumName(s.applicantType), s.applicantPseudonym,
                instant(s.submittedAt), instant(s.acceptedAt), s.statutoryLimitDays, s.promisedLimitDays,
                instant(s.dueAt), flag(s.dueProvisional), instant(s.deficiencyCorrectionDueAt), instant(s.correctedAt),
                flag(s.suspended), s.suspendedWorkingDays, s.extendedDays,
                instant(s.notAcceptedAt), instant(s.revokedAt), instant(s.completedAt), enumName(s.outcome),
                flag(s.onTime), s.workingDaysToComplete,
                s.ratingScore, flag(s.ratingDefaulted), instant(s.ratedAt), instant(s.rectificationDueAt),
                instant(s.rectifiedAt), flag(s.rectifiedOnTime), instant(s.lastOccurredAt), instant(s.lastRecordedAt)};
    }
}
