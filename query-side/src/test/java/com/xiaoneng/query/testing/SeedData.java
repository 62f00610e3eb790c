package com.xiaoneng.query.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The hand-made data set the expected values in the tests are computed from (by hand, in the test
 * comments). "Now" is {@link #NOW}: 2025-10-15 12:00 Beijing time. Most tests read Q3 2025.
 *
 * <pre>
 * case region  agency item ch   mode   submitted   accepted due   completed (wd)        rating             rectified
 * C01  650102  URU    L    ON   LOCAL  07-01       07-01 -> 07-10 07-08 on time (5)   07-09 5
 * C02  650102  URU    L    HALL LOCAL  07-02       07-02 -> 07-11 07-15 late (9)      07-16 2 due 08-05  07-30 on time
 * C03  650102  URU    P    MOB  WITHIN 08-01       08-01 -> 08-08 08-08 24:00 on time (5) 08-20 4 default
 * C04  653101  KAS    L    ON   LOCAL  07-01 00:30 07-01 -> 07-07 07-04 on time (3)   07-05 1 due 07-25  07-28 late
 * C05  653101  KAS    L    HALL CROSS  07-10       07-10 -> 07-17 07-21 late (7)      07-22 3
 * C06  653121  SHF    P    ON   LOCAL  09-01       09-01 -> 09-05 09-05 on time (4)   09-30 23:30 2 due 10-24
 * C07  653121  SHF    P    MOB  WITHIN 09-10       09-10 -> 09-17 09-30 23:50 late (13) 10-01 00:05 1 due 10-24
 * C08  654002  ILI    L    ON   LOCAL  08-05       08-05 -> 08-12 08-11 on time (4)
 * C09  652101  TUR    L    HALL LOCAL  08-10       08-11 -> 08-18 08-18 on time (5)   08-19 5
 * C10  110101  BJ     L    ON   LOCAL  07-05       07-05 -> 07-12 07-20 late (10)     07-21 1 due 08-10   (outside Xinjiang)
 * C11  650102  URU    L    ON   LOCAL  06-20       06-20 -> 06-27 06-30 23:00 late (7) 07-02 4
 * C12  653101  KAS    L    ON   LOCAL  09-25       09-25 -> 09-29 10-01 00:10 late (4)
 * C13  650102  URU    L    HALL LOCAL  09-01       09-01 -> 09-12 open (YELLOW, RED)
 * C14  653101  KAS    P    ON   LOCAL  09-15       09-15 -> 09-19 open (RED)
 * C15  653121  SHF    L    ON   LOCAL  10-09       10-09 -> 10-20 open, not yet due
 * C16  653121  SHF    L    MOB  LOCAL  09-01       09-01 -> 09-10 suspended 09-08
 * C17  654002  ILI    L    HALL LOCAL  08-01       08-01 -> 08-08 revoked 08-05
 * C18  654002  ILI    P    ON   CROSS  09-20       09-20 -> 09-26 open
 * C19  110101  BJ     L    ON   LOCAL  09-01       09-01 -> 09-05 open                (outside Xinjiang)
 * C20  650105  URU    P    ON   LOCAL  09-29       not accepted 09-30
 * C21  652101  TUR    P    SELF WITHIN 07-20       07-20 -> 07-25 07-24 on time (4)   07-31 4 default
 * C22  654002  ILI    P    HALL LOCAL  07-07       07-07 -> 07-14 07-15 late (6)      07-16 2 due 08-06  08-01 on time
 * C23  650102  URU    P    ON   LOCAL  09-28       09-28 -> 09-30 09-29 on time (1)
 * C24  653101  KAS    L    MOB  WITHIN 06-28       06-28 -> 07-04 07-03 on time (3)   07-04 3
 * </pre>
 * Events of C01 and C04 are inserted twice (a replay); every accepted case also has a stale
 * case_facts version (its state right after acceptance).
 */
public final class SeedData {
    public static final Instant NOW = Instant.parse("2025-10-15T04:00:00Z");

    private static final String URU = "乌鲁木齐市政务服务中心";
    private static final String KAS = "喀什市政务服务中心";
    private static final String SHF = "疏附县政务服务中心";
    private static final String ILI = "伊宁市政务服务中心";
    private static final String TUR = "吐鲁番市政务服务中心";
    private static final String BJ = "北京市东城区政务服务中心";
    private static final String LICENSE = "建设工程规划许可";
    private static final String PAYMENT = "高龄津贴发放";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private SeedData() {
    }

    public static List<SeedCase> cases() {
        List<SeedCase> c = new ArrayList<>();
        c.add(uru("C01", "650102", "650102", "IT-L", "ONLINE").submitted("2025-07-01 09:00").accepted("2025-07-01 10:00", "2025-07-10")
                .completed("2025-07-08 15:00", 5).rated("2025-07-09 10:00", 5, false, null));
        c.add(uru("C02", "650102", "650102", "IT-L", "HALL").submitted("2025-07-02 09:00").accepted("2025-07-02 10:00", "2025-07-11")
                .completed("2025-07-15 10:00", 9).rated("2025-07-16 10:00", 2, false, "2025-08-05").rectified("2025-07-30 10:00"));
        c.add(uru("C03", "650102", "653101", "IT-P", "MOBILE").submitted("2025-08-01 09:00").accepted("2025-08-01 10:00", "2025-08-08")
                .completed("2025-08-09 00:00", 5).rated("2025-08-20 00:00", 4, true, null));
        c.add(kas("C04", "653101", "653101", "IT-L", "ONLINE").submitted("2025-07-01 00:30").accepted("2025-07-01 09:00", "2025-07-07")
                .completed("2025-07-04 11:00", 3).rated("2025-07-05 10:00", 1, false, "2025-07-25").rectified("2025-07-28 10:00"));
        c.add(kas("C05", "653101", "110101", "IT-L", "HALL").submitted("2025-07-10 09:00").accepted("2025-07-10 10:00", "2025-07-17")
                .completed("2025-07-21 10:00", 7).rated("2025-07-22 10:00", 3, false, null));
        c.add(shf("C06", "653121", "653121", "IT-P", "ONLINE").submitted("2025-09-01 09:00").accepted("2025-09-01 10:00", "2025-09-05")
                .completed("2025-09-05 16:00", 4).rated("2025-09-30 23:30", 2, false, "2025-10-24"));
        c.add(shf("C07", "653121", "650102", "IT-P", "MOBILE").submitted("2025-09-10 09:00").accepted("2025-09-10 10:00", "2025-09-17")
                .completed("2025-09-30 23:50", 13).rated("2025-10-01 00:05", 1, false, "2025-10-24"));
        c.add(ili("C08", "654002", "654002", "IT-L", "ONLINE").submitted("2025-08-05 09:00").accepted("2025-08-05 10:00", "2025-08-12")
                .completed("2025-08-11 10:00", 4));
        c.add(tur("C09", "652101", "652101", "IT-L", "HALL").submitted("2025-08-10 09:00").accepted("2025-08-11 10:00", "2025-08-18")
                .completed("2025-08-18 10:00", 5).rated("2025-08-19 10:00", 5, false, null));
        c.add(SeedCase.of("C10", "110101", "110101", "AG-BJ", BJ, "IT-L", LICENSE, "ONLINE").submitted("2025-07-05 09:00")
                .accepted("2025-07-05 10:00", "2025-07-12").completed("2025-07-20 10:00", 10).rated("2025-07-21 10:00", 1, false, "2025-08-10"));
        c.add(uru("C11", "650102", "650102", "IT-L", "ONLINE").submitted("2025-06-20 09:00").accepted("2025-06-20 10:00", "2025-06-27")
                .completed("2025-06-30 23:00", 7).rated("2025-07-02 10:00", 4, false, null));
        c.add(kas("C12", "653101", "653101", "IT-L", "ONLINE").submitted("2025-09-25 09:00").accepted("2025-09-25 10:00", "2025-09-29")
                .completed("2025-10-01 00:10", 4));
        c.add(uru("C13", "650102", "650102", "IT-L", "HALL").submitted("2025-09-01 09:00").accepted("2025-09-01 10:00", "2025-09-12")
                .alert("YELLOW").alert("RED"));
        c.add(kas("C14", "653101", "653101", "IT-P", "ONLINE").submitted("2025-09-15 09:00").accepted("2025-09-15 10:00", "2025-09-19")
                .alert("RED"));
        c.add(shf("C15", "653121", "653121", "IT-L", "ONLINE").submitted("2025-10-09 09:00").accepted("2025-10-09 10:00", "2025-10-20"));
        c.add(shf("C16", "653121", "653121", "IT-L", "MOBILE").submitted("2025-09-01 09:00").accepted("2025-09-01 10:00", "2025-09-10")
                .suspended("2025-09-08 10:00"));
        c.add(ili("C17", "654002", "654002", "IT-L", "HALL").submitted("2025-08-01 09:00").accepted("2025-08-01 10:00", "2025-08-08")
                .revoked("2025-08-05 10:00"));
        c.add(ili("C18", "654002", "310101", "IT-P", "ONLINE").submitted("2025-09-20 09:00").accepted("2025-09-20 10:00", "2025-09-26"));
        c.add(SeedCase.of("C19", "110101", "110101", "AG-BJ", BJ, "IT-L", LICENSE, "ONLINE").submitted("2025-09-01 09:00")
                .accepted("2025-09-01 10:00", "2025-09-05"));
        c.add(uru("C20", "650105", "650105", "IT-P", "ONLINE").submitted("2025-09-29 09:00").notAccepted("2025-09-30 10:00"));
        c.add(tur("C21", "652101", "650102", "IT-P", "SELF_SERVICE").submitted("2025-07-20 09:00").accepted("2025-07-20 10:00", "2025-07-25")
                .completed("2025-07-24 10:00", 4).rated("2025-07-31 10:00", 4, true, null));
        c.add(ili("C22", "654002", "654002", "IT-P", "HALL").submitted("2025-07-07 09:00").accepted("2025-07-07 10:00", "2025-07-14")
                .completed("2025-07-15 09:00", 6).rated("2025-07-16 10:00", 2, false, "2025-08-06").rectified("2025-08-01 10:00"));
        c.add(uru("C23", "650102", "650102", "IT-P", "ONLINE").submitted("2025-09-28 09:00").accepted("2025-09-28 10:00", "2025-09-30")
                .completed("2025-09-29 10:00", 1));
        c.add(kas("C24", "653101", "654002", "IT-L", "MOBILE").submitted("2025-06-28 09:00").accepted("2025-06-28 10:00", "2025-07-04")
                .completed("2025-07-03 10:00", 3).rated("2025-07-04 10:00", 3, false, null));
        return c;
    }

    private static SeedCase uru(String id, String region, String accepting, String item, String channel) {
        return SeedCase.of(id, region, accepting, "AG-URU", URU, item, item.equals("IT-L") ? LICENSE : PAYMENT, channel);
    }

    private static SeedCase kas(String id, String region, String accepting, String item, String channel) {
        return SeedCase.of(id, region, accepting, "AG-KAS", KAS, item, item.equals("IT-L") ? LICENSE : PAYMENT, channel);
    }

    private static SeedCase shf(String id, String region, String accepting, String item, String channel) {
        return SeedCase.of(id, region, accepting, "AG-SHF", SHF, item, item.equals("IT-L") ? LICENSE : PAYMENT, channel);
    }

    private static SeedCase ili(String id, String region, String accepting, String item, String channel) {
        return SeedCase.of(id, region, accepting, "AG-ILI", ILI, item, item.equals("IT-L") ? LICENSE : PAYMENT, channel);
    }

    private static SeedCase tur(String id, String region, String accepting, String item, String channel) {
        return SeedCase.of(id, region, accepting, "AG-TUR", TUR, item, item.equals("IT-L") ? LICENSE : PAYMENT, channel);
    }

    /** Inserts every case's rows into {@code database}, as the streaming job would have. */
    public static void insert(Connection connection, String database) throws SQLException {
        List<Map<String, Object>> events = new ArrayList<>();
        List<Map<String, Object>> facts = new ArrayList<>();
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (SeedCase seed : cases()) {
            events.addAll(seed.events);
            if (seed.id.equals("C01") || seed.id.equals("C04")) {
                events.addAll(seed.events);
            }
            facts.add(seed.facts);
            if (seed.stale != null) {
                facts.add(seed.stale);
            }
            alerts.addAll(seed.alerts);
        }
        try (Statement statement = connection.createStatement()) {
            // one INSERT per column set: rows differ in which measures they carry
            for (List<Map<String, Object>> rows : List.of(events, facts, alerts)) {
                String table = rows == events ? "case_events" : rows == facts ? "case_facts" : "case_alerts";
                Map<String, List<Map<String, Object>>> byColumns = rows.stream()
                        .collect(Collectors.groupingBy(row -> String.join(",", row.keySet())));
                for (Map.Entry<String, List<Map<String, Object>>> group : byColumns.entrySet()) {
                    statement.execute("INSERT INTO " + database + "." + table + " (" + group.getKey() + ") VALUES "
                            + group.getValue().stream().map(SeedData::values).collect(Collectors.joining(", ")));
                }
            }
        }
    }

    private static String values(Map<String, Object> row) {
        return row.values().stream().map(SeedData::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Instant instant) {
            return "'" + UTC.format(instant) + "'";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "'" + value.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
