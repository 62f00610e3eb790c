package com.xiaoneng.dashboards;

import com.xiaoneng.regions.Regions;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hand-made cases, written as the streaming job writes them: events (which feed the rollup through its
 * materialized view), every version of the facts, and warnings. Some rows are written twice and older
 * fact versions stay next to the newest, so a query that forgot FINAL or counted rows instead of
 * cases would miss the hand-computed numbers of {@link DashboardQueriesTest}.
 *
 * <p>Times are Beijing local time ("2025-03-03 10:00"); due instants are the end of the due day.
 */
final class SeedCases {
    static final String URUMQI = "650100";
    static final String KASHGAR = "653100";
    static final String ILI = "654000";

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private SeedCases() {
    }

    /** One case as its final facts describe it; null fields did not happen. */
    static final class Case {
        final String id;
        final String region;
        final String agency;
        final String agencyName;
        final String item;
        final String itemName;
        final String itemType;
        String mode = "LOCAL";
        String acceptingRegion;
        String submitted;
        String accepted;
        String due;
        String notAccepted;
        String revoked;
        String reinstated;
        boolean suspended;
        String completed;
        Boolean onTime;
        Integer workingDays;
        String rated;
        Integer score;
        boolean defaulted;
        String supersededDefault;
        String rectificationDue;
        String rectified;
        Boolean rectifiedOnTime;
        final List<String[]> alerts = new ArrayList<>();
        boolean writtenTwice;

        Case(String id, String region, String agency, String agencyName, String item, String itemName, String itemType) {
            this.id = id;
            this.region = region;
            this.acceptingRegion = region;
            this.agency = agency;
            this.agencyName = agencyName;
            this.item = item;
            this.itemName = itemName;
            this.itemType = itemType;
        }

        Case crossRegion(String mode, String acceptingRegion) {
            this.mode = mode;
            this.acceptingRegion = acceptingRegion;
            return this;
        }

        Case submitted(String at) {
            submitted = at;
            return this;
        }

        Case accepted(String at, String dueAt) {
            accepted = at;
            due = dueAt;
            return this;
        }

        Case notAccepted(String at) {
            notAccepted = at;
            return this;
        }

        Case revoked(String at) {
            revoked = at;
            return this;
        }

        /** A correction made in time, recorded after the automatic revocation: accepted again. */
        Case reinstated(String at) {
            reinstated = at;
            return this;
        }

        /** The rating was recorded after the default rating (at {@code defaultAt}) it replaces. */
        Case supersededDefault(String defaultAt) {
            supersededDefault = defaultAt;
            return this;
        }

        Case suspended() {
            suspended = true;
            return this;
        }

        Case completed(String at, boolean inTime, int days) {
            completed = at;
            onTime = inTime;
            workingDays = days;
            return this;
        }

        Case rated(String at, int value) {
            rated = at;
            score = value;
            return this;
        }

        Case defaultRating(String at) {
            rated(at, 4);
            defaulted = true;
            return this;
        }

        Case badRatingRectification(String dueAt, String rectifiedAt, Boolean inTime) {
            rectificationDue = dueAt;
            rectified = rectifiedAt;
            rectifiedOnTime = inTime;
            return this;
        }

        Case alert(String level, String warnAt) {
            alerts.add(new String[] {level, warnAt});
            return this;
        }

        Case writtenTwice() {
            writtenTwice = true;
            return this;
        }
    }

    private static Case urumqi(String id) {
        return new Case(id, "650102", "UQ-SCJ", "乌鲁木齐市市场监督管理局", "ITEM-LIC-01", "食品经营许可", "LICENSE");
    }

    private static Case kashgar(String id) {
        return new Case(id, "653101", "KS-RSJ", "喀什地区人力资源和社会保障局", "ITEM-PAY-01", "失业保险金申领", "PAYMENT");
    }

    private static Case ili(String id) {
        return new Case(id, "654002", "YL-GAJ", "伊犁哈萨克自治州公安局", "ITEM-PUB-01", "户籍证明", "PUBLIC_SERVICE");
    }

    /** The cases; DashboardQueriesTest's expected numbers are counted by hand from this list. */
    static List<Case> cases() {
        return List.of(
                urumqi("C01").submitted("2025-03-03 10:00").accepted("2025-03-03 11:00", "2025-03-11 00:00")
                        .completed("2025-03-07 16:00", true, 4).rated("2025-03-08 10:00", 5),
                urumqi("C02").submitted("2025-03-04 10:00").accepted("2025-03-04 11:00", "2025-03-12 00:00")
                        .completed("2025-03-12 10:00", false, 6).rated("2025-03-13 10:00", 2)
                        .badRatingRectification("2025-04-03 00:00", "2025-03-20 10:00", true)
                        .alert("YELLOW", "2025-03-11 09:00").alert("RED", "2025-03-12 00:00").writtenTwice(),
                urumqi("C03").crossRegion("WITHIN_REGION", "653101").submitted("2025-03-05 10:00")
                        .accepted("2025-03-05 11:00", "2025-03-13 00:00").completed("2025-03-10 10:00", true, 3)
                        .rated("2025-03-11 10:00", 4),
                urumqi("C04").crossRegion("CROSS_PROVINCE", "110101").submitted("2025-03-06 10:00")
                        .accepted("2025-03-06 11:00", "2025-03-14 00:00").completed("2025-03-14 12:00", false, 6)
                        .rated("2025-03-15 10:00", 1).badRatingRectification("2025-04-05 00:00", null, null),
                urumqi("C05").submitted("2025-03-10 10:00").accepted("2025-03-10 11:00", "2025-03-18 00:00")
                        .alert("YELLOW", "2025-03-17 09:00").alert("RED", "2025-03-18 00:00").writtenTwice(),
                kashgar("C06").submitted("2025-03-02 10:00").accepted("2025-03-02 11:00", "2025-03-10 00:00")
                        .completed("2025-03-05 10:00", true, 3).rated("2025-03-06 10:00", 3),
                kashgar("C07").submitted("2025-03-03 10:00").accepted("2025-03-03 11:00", "2025-03-11 00:00")
                        .completed("2025-03-09 10:00", true, 4).defaultRating("2025-03-16 10:00"),
                kashgar("C08").crossRegion("WITHIN_REGION", "650102").submitted("2025-03-12 10:00")
                        .accepted("2025-03-12 11:00", "2025-03-20 00:00").suspended(),
                kashgar("C09").submitted("2025-03-12 10:00").accepted("2025-03-12 11:00", "2025-03-20 00:00")
                        .revoked("2025-03-14 10:00"),
                kashgar("C10").submitted("2025-03-20 10:00").accepted("2025-03-20 11:00", "2025-03-28 00:00")
                        .alert("YELLOW", "2025-03-27 09:00").alert("RED", "2025-03-28 00:00"),
                // completed in the first hour of March, Beijing time (still February in UTC)
                ili("C11").submitted("2025-02-20 10:00").accepted("2025-02-20 11:00", "2025-02-28 00:00")
                        .completed("2025-03-01 01:00", false, 6).rated("2025-03-02 10:00", 5),
                // completed in the first hour of April, Beijing time (still March in UTC)
                ili("C12").submitted("2025-03-25 10:00").accepted("2025-03-25 11:00", "2025-04-02 00:00")
                        .completed("2025-04-01 00:30", true, 5),
                ili("C13").crossRegion("CROSS_PROVINCE", "440305").submitted("2025-03-15 10:00")
                        .accepted("2025-03-15 11:00", "2025-03-21 00:00").completed("2025-03-18 10:00", true, 3)
                        .rated("2025-03-19 10:00", 2)
                        .badRatingRectification("2025-04-10 00:00", "2025-04-12 10:00", false).writtenTwice(),
                ili("C14").submitted("2025-03-28 10:00").notAccepted("2025-03-29 10:00"),
                // submitted on the last evening of February, Beijing time
                ili("C15").crossRegion("WITHIN_REGION", "650102").submitted("2025-02-28 23:30")
                        .accepted("2025-03-01 09:00", "2025-03-07 00:00").completed("2025-03-06 10:00", true, 4),
                urumqi("C16").submitted("2025-04-02 10:00").accepted("2025-04-02 11:00", "2025-04-10 00:00"),
                kashgar("C17").submitted("2025-03-25 10:00").accepted("2025-03-25 11:00", "2099-01-01 00:00"),
                // revoked automatically, then a correction made in time was recorded: open (and overdue) again
                urumqi("C18").submitted("2025-05-05 10:00").accepted("2025-05-05 11:00", "2025-05-13 00:00")
                        .revoked("2025-05-09 00:00").reinstated("2025-05-08 15:00"),
                // rated 5 on 05-14, recorded after the default rating of 05-17 00:00, which counts nowhere
                ili("C19").submitted("2025-05-05 10:00").accepted("2025-05-05 11:00", "2025-05-13 00:00")
                        .completed("2025-05-09 10:00", true, 4).rated("2025-05-14 10:00", 5)
                        .supersededDefault("2025-05-17 00:00").writtenTwice());
    }

    /** INSERT statements for case_events, case_facts and case_alerts (unqualified table names). */
    static List<String> inserts() {
        List<String> inserts = new ArrayList<>();
        for (Case c : cases()) {
            List<String> events = events(c);
            List<String> facts = facts(c);
            List<String> alerts = new ArrayList<>();
            for (String[] alert : c.alerts) {
                alerts.add("(" + String.join(", ", q(c.id), q(alert[0]), t(c.due), t(alert[1]), t(alert[1]),
                        t(c.accepted), "7", q(c.region), q(Regions.prefectureOf(c.region)),
                        q(Regions.provinceOf(c.region)), q(c.agency), q(c.item)) + ")");
            }
            int copies = c.writtenTwice ? 2 : 1;
            for (int copy = 0; copy < copies; copy++) {
                inserts.add("INSERT INTO case_events (event_id, case_id, sequence, type, occurred_at, recorded_at,"
                        + " handling_region, handling_prefecture, handling_province, accepting_region,"
                        + " accepting_prefecture, accepting_province, agency_code, item_code, channel,"
                        + " cross_region_mode, payload, on_time, working_days, rating_score, rating_defaulted,"
                        + " rectified_on_time, rating_key, supersedes_at) VALUES " + String.join(", ", events));
                // the newest version again, as a replay would write it
                inserts.add(factsInsert(copy == 0 ? facts : facts.subList(facts.size() - 1, facts.size())));
                if (!alerts.isEmpty()) {
                    inserts.add("INSERT INTO case_alerts (case_id, level, due_at, warn_at, emitted_at, accepted_at,"
                            + " allowed_working_days, handling_region, handling_prefecture, handling_province,"
                            + " agency_code, item_code) VALUES " + String.join(", ", alerts));
                }
            }
        }
        return inserts;
    }

    private static List<String> events(Case c) {
        List<String> events = new ArrayList<>();
        int sequence = 0;
        events.add(event(c, ++sequence, "CaseSubmitted", c.submitted, "NULL", "NULL", "NULL", "NULL", "NULL"));
        if (c.accepted != null) {
            events.add(event(c, ++sequence, "CaseAccepted", c.accepted, "NULL", "NULL", "NULL", "NULL", "NULL"));
        }
        if (c.notAccepted != null) {
            events.add(event(c, ++sequence, "CaseNotAccepted", c.notAccepted, "NULL", "NULL", "NULL", "NULL", "NULL"));
        }
        if (c.revoked != null) {
            events.add(event(c, ++sequence, "AcceptanceRevoked", c.revoked, "NULL", "NULL", "NULL", "NULL", "NULL"));
        }
        if (c.reinstated != null) {
            events.add(event(c, ++sequence, "AcceptanceReinstated", c.reinstated, "", c.revoked));
            events.add(event(c, ++sequence, "CaseCorrected", c.reinstated, "NULL", "NULL", "NULL", "NULL", "NULL"));
        }
        if (c.completed != null) {
            events.add(event(c, ++sequence, "CaseCompleted", c.completed, flag(c.onTime), c.workingDays.toString(),
                    "NULL", "NULL", "NULL"));
        }
        if (c.supersededDefault != null) {
            events.add(event(c, ++sequence, "CaseRated", c.supersededDefault, "NULL", "NULL", "4", "1", "NULL"));
            events.add(event(c, ++sequence, "DefaultRatingSuperseded", c.rated, c.id, c.supersededDefault));
            events.add(event(c, ++sequence, "CaseRated", c.rated, "NULL", "NULL", c.score.toString(), "0", "NULL",
                    c.id + "/2", null));
        } else if (c.rated != null) {
            events.add(event(c, ++sequence, "CaseRated", c.rated, "NULL", "NULL", c.score.toString(),
                    flag(c.defaulted), "NULL"));
        }
        if (c.rectified != null) {
            events.add(event(c, ++sequence, "BadRatingRectified", c.rectified, "NULL", "NULL", "NULL", "NULL",
                    flag(c.rectifiedOnTime)));
        }
        return events;
    }

    private static String event(Case c, int sequence, String type, String at, String onTime, String workingDays,
                                String score, String defaulted, String rectifiedOnTime) {
        return event(c, sequence, type, at, onTime, workingDays, score, defaulted, rectifiedOnTime,
                type.equals("CaseRated") ? c.id : "", null);
    }

    /** A row for an event that cancels the automatic one of {@code supersedesAt}. */
    private static String event(Case c, int sequence, String type, String at, String ratingKey, String supersedesAt) {
        return event(c, sequence, type, at, "NULL", "NULL", "NULL", "NULL", "NULL", ratingKey, supersedesAt);
    }

    private static String event(Case c, int sequence, String type, String at, String onTime, String workingDays,
                                String score, String defaulted, String rectifiedOnTime, String ratingKey,
                                String supersedesAt) {
        String eventId = UUID.nameUUIDFromBytes((c.id + "/" + sequence).getBytes()).toString();
        return "(" + String.join(", ", q(eventId), q(c.id), Integer.toString(sequence), q(type), t(at), t(at),
                q(c.region), q(Regions.prefectureOf(c.region)), q(Regions.provinceOf(c.region)),
                q(c.acceptingRegion), q(Regions.prefectureOf(c.acceptingRegion)),
                q(Regions.provinceOf(c.acceptingRegion)), q(c.agency), q(c.item), q("ONLINE"), q(c.mode), q("{}"),
                onTime, workingDays, score, defaulted, rectifiedOnTime, q(ratingKey), t(supersedesAt)) + ")";
    }

    /** The versions of the case's facts: as submitted, as accepted (open), and the newest. */
    private static List<String> facts(Case c) {
        List<String> versions = new ArrayList<>();
        versions.add(factsRow(c, 1, "SUBMITTED", false));
        if (c.accepted != null) {
            versions.add(factsRow(c, 2, "ACCEPTED", false));
        }
        String status = c.completed != null ? "COMPLETED" : c.revoked != null && c.reinstated == null ? "REVOKED"
                : c.notAccepted != null ? "NOT_ACCEPTED" : c.suspended ? "SUSPENDED" : c.accepted != null ? "ACCEPTED"
                : "SUBMITTED";
        versions.add(factsRow(c, 10, status, true));
        return versions;
    }

    private static String factsRow(Case c, int version, String status, boolean newest) {
        boolean accepted = version >= 2 || newest;
        return "(" + String.join(", ", q(c.id), Integer.toString(version), q(status), q(c.item), "1", q(c.itemName),
                q(c.itemType), q(c.agency), q(c.agencyName), q(c.region), q(Regions.prefectureOf(c.region)),
                q(Regions.provinceOf(c.region)), q(c.acceptingRegion), q(Regions.prefectureOf(c.acceptingRegion)),
                q(Regions.provinceOf(c.acceptingRegion)), q(c.mode), q("ONLINE"), q("PERSON"), q("p-" + c.id),
                t(c.submitted), accepted ? t(c.accepted) : "NULL", "20", "5", accepted ? t(c.due) : "NULL",
                newest && c.suspended ? "1" : "0", "0",
                newest ? t(c.notAccepted) : "NULL", newest && c.reinstated == null ? t(c.revoked) : "NULL",
                newest ? t(c.completed) : "NULL", newest && c.completed != null ? q("APPROVED") : "NULL",
                newest ? flag(c.onTime) : "NULL", newest && c.workingDays != null ? c.workingDays.toString() : "NULL",
                newest && c.score != null ? c.score.toString() : "NULL", newest && c.rated != null ? flag(c.defaulted) : "NULL",
                newest ? t(c.rated) : "NULL", newest ? t(c.rectificationDue) : "NULL", newest ? t(c.rectified) : "NULL",
                newest ? flag(c.rectifiedOnTime) : "NULL", t(c.submitted), t(c.submitted)) + ")";
    }

    private static String factsInsert(List<String> rows) {
        return "INSERT INTO case_facts (case_id, version, status, item_code, item_version, item_name, item_type,"
                + " agency_code, agency_name, handling_region, handling_prefecture, handling_province,"
                + " accepting_region, accepting_prefecture, accepting_province, cross_region_mode, channel,"
                + " applicant_type, applicant_pseudonym, submitted_at, accepted_at, statutory_limit_days,"
                + " promised_limit_days, due_at, suspended, extended_days, not_accepted_at, revoked_at, completed_at,"
                + " outcome, on_time, working_days_to_complete, rating_score, rating_defaulted, rated_at,"
                + " rectification_due_at, rectified_at, rectified_on_time, last_event_at, updated_at) VALUES "
                + String.join(", ", rows);
    }

    private static String q(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "\\'") + "'";
    }

    /** A Beijing local time as a UTC instant literal. */
    private static String t(String local) {
        return local == null ? "NULL"
                : "'" + UTC.format(LocalDateTime.parse(local, LOCAL).atZone(BEIJING).toInstant()) + "'";
    }

    private static String flag(Boolean value) {
        return value == null ? "NULL" : value ? "1" : "0";
    }
}
