package com.xiaoneng.query.web;

import com.xiaoneng.query.testing.QuerySideTest;
import com.xiaoneng.query.testing.TestClickHouse;
import com.xiaoneng.web.testing.HostileRequests;
import com.xiaoneng.web.testing.HostileRequests.Hostile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side as a hostile client meets it (issue 10): generated query strings over every metric, the audit
 * lists, the timeline and the reports (far and malformed dates and instants, injections, control characters,
 * huge values, wrong types), plus odd methods, media types, bodies and credentials. Every answer is a 4xx JSON
 * naming the rule, within 2 s, leaking neither Java nor SQL; and no report export is logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileQueryTest extends QuerySideTest {
    private static final String[] DAYS = {"2025-13-01", "2025-02-30", "-999999999-01-01", "+999999999-12-31", "1899-12-31",
            "1999-12-31", "2106-01-01", "9999-12-31", "yesterday", "2025-01-01T00:00:00Z", "20250101", "%00", "2025-01-01%00",
            "%E4%BB%8A%E5%A4%A9"};
    private static final String[] INSTANTS = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2106-01-01T00:00:00Z", "2025-01-01", "1700000000",
            "2025-01-01T00:00:00", "yesterday", "%00"};
    private static final String[] REGIONS = {"65", "65010a", "990100", "6501000", "%00", "650100%27%20OR%201%3D1",
            "650100%0A", "-65010", "６５０１００"};
    /** Codes the contract refuses (a quote or an unknown code is a valid filter that matches nothing). */
    private static final String[] CODES = {"A".repeat(65), "%00", "a%0Ab", "%20", "a%1Fb", "a%7Fb", "a%C2%85b"};
    private static final String[] GROUP_BYS = {"year", "1", "%00", "prefecture%3BSELECT", "PREFECTURE,agency"};
    private static final String[] CHANNELS = {"FAX", "1", "hall", "%00"};
    private static final String[] METRICS = {"/api/metrics/compliance", "/api/metrics/cross-region", "/api/metrics/ratings"};

    @LocalServerPort
    int port;

    @Test
    void everyHostileQueryIsRefusedWithAJsonReasonAndLogsNoExport() throws Exception {
        List<Hostile> requests = new ArrayList<>();
        metrics(requests);
        audit(requests);
        reports(requests);
        odd(requests);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);

        long exports = exports();
        List<String> failures = HostileRequests.failures(port, requests, HostileRequests.WHOLE_BODY,
                "hostile-query-failures.txt");
        assertThat(failures).as("%d of %d hostile requests", failures.size(), requests.size()).isEmpty();
        assertThat(exports()).isEqualTo(exports);
    }

    private static void metrics(List<Hostile> out) {
        for (String metric : METRICS) {
            for (String day : DAYS) {
                out.add(Hostile.get(metric + " from=" + day, metric + "?from=" + day, "leader"));
                out.add(Hostile.get(metric + " to=" + day, metric + "?to=" + day, "leader"));
            }
            each(out, metric, "region", REGIONS);
            each(out, metric, "agency", CODES);
            each(out, metric, "itemCode", CODES);
            each(out, metric, "groupBy", GROUP_BYS);
            each(out, metric, "channel", CHANNELS);
        }
        each(out, "/api/metrics/compliance", "asOf", INSTANTS);
        out.add(Hostile.get("agency asks for metrics", "/api/metrics/compliance", "agency"));
        out.add(Hostile.get("kashgar asks for Urumqi", "/api/metrics/compliance?region=650100", "leader-kashgar"));
    }

    private static void audit(List<Hostile> out) {
        for (String list : new String[] {"/api/audit/overdue?state=open&", "/api/audit/poor-ratings?"}) {
            for (String paging : new String[] {"page=-1", "page=99999999999", "page=1.5", "size=0", "size=1001", "size=abc",
                    "size=-2147483648", "sort=payload", "sort=dueAt,up", "sort=due_at%3BDROP%20TABLE%20x",
                    "sort=caseId,asc,desc", "from=-999999999-01-01", "region=%00"}) {
                out.add(Hostile.get(list + paging, list + paging, "auditor"));
            }
        }
        for (String state : new String[] {"closed", "", "%00", "OPEN%27"}) {
            out.add(Hostile.get("overdue state=" + state, "/api/audit/overdue?state=" + state, "auditor"));
        }
        out.add(Hostile.get("overdue without state", "/api/audit/overdue", "auditor"));
        out.add(Hostile.get("rectified=maybe", "/api/audit/poor-ratings?rectified=maybe", "auditor"));
        for (String id : new String[] {"C%2001%27", "x".repeat(65), "%E6%A1%88", "a%0Ab", "no-such-case", "..%2F..%2Fetc"}) {
            out.add(Hostile.get("timeline " + id, "/api/cases/" + id + "/timeline", "auditor"));
        }
        out.add(Hostile.get("leader asks for the audit", "/api/audit/overdue?state=open", "leader"));
    }

    private static void reports(List<Hostile> out) {
        for (String period : new String[] {"", "0000", "1999", "2106", "9999", "2025-Q0", "2025-Q5", "2025-00", "2025-13",
                "2025-Q3%00", "-2025", "２０２５", "2025-Q3-07", "25"}) {
            out.add(Hostile.get("period=" + period, "/api/reports/assessment?period=" + period, "supervisor"));
        }
        for (String extra : new String[] {"format=docx", "format=%00", "groupBy=month", "groupBy=item", "region=6500",
                "region=%00"}) {
            out.add(Hostile.get("report " + extra, "/api/reports/assessment?period=2025&" + extra, "supervisor"));
        }
        out.add(Hostile.get("report without period", "/api/reports/assessment", "supervisor"));
        out.add(Hostile.get("leader asks for a report", "/api/reports/assessment?period=2025", "leader"));
        out.add(Hostile.get("supervisor asks for the export log", "/api/reports/exports", "supervisor"));
        out.add(Hostile.get("export log size=0", "/api/reports/exports?size=0", "admin"));
    }

    private static void odd(List<Hostile> out) {
        byte[] json = "{\"from\":\"2025-01-01\"}".getBytes(StandardCharsets.UTF_8);
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            out.add(new Hostile(method + " a metric", method, "/api/metrics/compliance", "application/json", json, "leader"));
        }
        for (String type : new String[] {"*/*", "application/*", "garbage", "text/plain; charset=klingon"}) {
            out.add(new Hostile("GET with Content-Type " + type, "GET", "/api/metrics/compliance", type, json, "leader"));
        }
        out.add(new Hostile("GET with a 1 MiB body", "GET", "/api/metrics/compliance", "application/json",
                new byte[1 << 20], "leader"));
        out.add(Hostile.get("unknown path", "/api/metrics/nothing", "leader"));
        out.add(Hostile.get("NUL in the path", "/api/metrics/compli%00ance", "leader"));
        out.add(Hostile.get("encoded slash in the path", "/api/cases/a%2Fb/timeline", "auditor"));
        out.add(Hostile.get("no credentials", "/api/metrics/compliance", null));
        out.add(Hostile.get("unknown user", "/api/metrics/compliance", "nobody"));
        out.add(Hostile.get("a 2,000-character region", "/api/metrics/compliance?region="
                + URLEncoder.encode("需".repeat(2000), StandardCharsets.UTF_8), "leader"));
    }

    private static void each(List<Hostile> out, String path, String parameter, String[] values) {
        for (String value : values) {
            String query = parameter + "=" + value;
            out.add(Hostile.get(path + " " + query, path + (path.contains("?") ? "&" : "?") + query, "leader"));
        }
    }

    private static long exports() throws Exception {
        try (Connection connection = TestClickHouse.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count() FROM " + TestClickHouse.DATABASE + ".report_exports")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
