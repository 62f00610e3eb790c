package com.xiaoneng.query.testing;

import com.xiaoneng.regions.Regions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One hand-made case and the rows the streaming job would have written for it: its events, its newest
 * case_facts row plus a stale older version (only FINAL hides it), and its warnings (the counters are
 * rebuilt from case_facts, TestClickHouse). Times are local (Asia/Shanghai) "yyyy-MM-dd HH:mm".
 */
public final class SeedCase {
    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    final String id;
    final String region;
    final String accepting;
    final String mode;
    final String agency;
    final String agencyName;
    final String item;
    final String itemName;
    final String channel;
    final List<Map<String, Object>> events = new ArrayList<>();
    final List<Map<String, Object>> alerts = new ArrayList<>();
    final Map<String, Object> facts = new LinkedHashMap<>();
    Map<String, Object> stale;

    private SeedCase(String id, String region, String accepting, String agency, String agencyName, String item,
                     String itemName, String channel) {
        this.id = id;
        this.region = region;
        this.accepting = accepting;
        this.mode = Regions.crossRegionMode(accepting, region).name();
        this.agency = agency;
        this.agencyName = agencyName;
        this.item = item;
        this.itemName = itemName;
        this.channel = channel;
    }

    public static SeedCase of(String id, String region, String accepting, String agency, String agencyName,
                              String item, String itemName, String channel) {
        return new SeedCase(id, region, accepting, agency, agencyName, item, itemName, channel);
    }

    public static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime.replace(' ', 'T')).atZone(LOCAL).toInstant();
    }

    /** 24:00 local of the day: the due instant of a case due that day. */
    public static Instant endOf(String day) {
        return LocalDate.parse(day).plusDays(1).atStartOfDay(LOCAL).toInstant();
    }

    public SeedCase submitted(String at) {
        Instant time = local(at);
        facts.put("case_id", id);
        facts.put("status", "SUBMITTED");
        facts.put("item_code", item);
        facts.put("item_name", itemName);
        facts.put("item_type", "LICENSE");
        facts.put("agency_code", agency);
        facts.put("agency_name", agencyName);
        facts.put("handling_region", region);
        facts.put("handling_prefecture", Regions.prefectureOf(region));
        facts.put("handling_province", Regions.provinceOf(region));
        facts.put("accepting_region", accepting);
        facts.put("accepting_prefecture", Regions.prefectureOf(accepting));
        facts.put("accepting_province", Regions.provinceOf(accepting));
        facts.put("cross_region_mode", mode);
        facts.put("channel", channel);
        facts.put("submitted_at", time);
        return event("CaseSubmitted", time, Map.of());
    }

    public SeedCase accepted(String at, String dueDay) {
        Instant time = local(at);
        facts.put("status", "ACCEPTED");
        facts.put("accepted_at", time);
        facts.put("due_at", endOf(dueDay));
        event("CaseAccepted", time, Map.of());
        stale = new LinkedHashMap<>(facts);
        stale.put("version", (long) events.size() - 1);
        return this;
    }

    public SeedCase notAccepted(String at) {
        facts.put("status", "NOT_ACCEPTED");
        facts.put("not_accepted_at", local(at));
        return event("CaseNotAccepted", local(at), Map.of());
    }

    public SeedCase suspended(String at) {
        facts.put("status", "SUSPENDED");
        facts.put("suspended", 1);
        return event("CaseSuspended", local(at), Map.of());
    }

    public SeedCase revoked(String at) {
        facts.put("status", "REVOKED");
        facts.put("revoked_at", local(at));
        return event("AcceptanceRevoked", local(at), Map.of());
    }

    /** Completion; on time follows from the due date, workingDays is what the job computed. */
    public SeedCase completed(String at, int workingDays) {
        Instant time = local(at);
        boolean onTime = !time.isAfter((Instant) facts.get("due_at"));
        facts.put("status", "COMPLETED");
        facts.put("completed_at", time);
        facts.put("outcome", "APPROVED");
        facts.put("on_time", onTime ? 1 : 0);
        facts.put("working_days_to_complete", workingDays);
        return event("CaseCompleted", time, Map.of("on_time", onTime ? 1 : 0, "working_days", workingDays));
    }

    public SeedCase rated(String at, int score, boolean defaulted, String rectificationDueDay) {
        Instant time = local(at);
        facts.put("rating_score", score);
        facts.put("rating_defaulted", defaulted ? 1 : 0);
        facts.put("rated_at", time);
        facts.put("rectification_due_at", rectificationDueDay == null ? null : endOf(rectificationDueDay));
        return event("CaseRated", time, Map.of("rating_score", score, "rating_defaulted", defaulted ? 1 : 0));
    }

    public SeedCase rectified(String at) {
        Instant time = local(at);
        boolean onTime = !time.isAfter((Instant) facts.get("rectification_due_at"));
        facts.put("rectified_at", time);
        facts.put("rectified_on_time", onTime ? 1 : 0);
        return event("BadRatingRectified", time, Map.of("rectified_on_time", onTime ? 1 : 0));
    }

    public SeedCase alert(String level) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case_id", id);
        row.put("level", level);
        row.put("due_at", facts.get("due_at"));
        row.put("warn_at", facts.get("due_at"));
        row.put("emitted_at", facts.get("due_at"));
        row.put("accepted_at", facts.get("accepted_at"));
        row.put("allowed_working_days", 5);
        row.put("handling_region", region);
        row.put("handling_prefecture", Regions.prefectureOf(region));
        row.put("handling_province", Regions.provinceOf(region));
        row.put("agency_code", agency);
        row.put("item_code", item);
        alerts.add(row);
        return this;
    }

    private SeedCase event(String type, Instant at, Map<String, Object> measures) {
        long sequence = events.size();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", UUID.nameUUIDFromBytes((id + "/" + sequence).getBytes()).toString());
        row.put("case_id", id);
        row.put("sequence", sequence);
        row.put("type", type);
        row.put("occurred_at", at);
        row.put("recorded_at", at.plusSeconds(2));
        row.put("handling_region", region);
        row.put("handling_prefecture", Regions.prefectureOf(region));
        row.put("handling_province", Regions.provinceOf(region));
        row.put("accepting_region", accepting);
        row.put("accepting_prefecture", Regions.prefectureOf(accepting));
        row.put("accepting_province", Regions.provinceOf(accepting));
        row.put("agency_code", agency);
        row.put("item_code", item);
        row.put("channel", channel);
        row.put("cross_region_mode", mode);
        row.put("payload", "{\"caseId\":\"" + id + "\",\"occurredAt\":\"" + at + "\"}");
        row.putAll(measures);
        events.add(row);
        facts.put("version", sequence);
        facts.put("last_event_at", at);
        facts.put("updated_at", at.plusSeconds(2));
        return this;
    }
}
