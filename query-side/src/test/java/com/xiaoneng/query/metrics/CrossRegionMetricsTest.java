package com.xiaoneng.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-region handling over the cases submitted in Q3 2025 within Xinjiang: C01-C09, C12-C14, C16-C18,
 * C20-C23 = 19 (C04 at 07-01 00:30 Beijing time, 06-30 in UTC, is in; C11, C24 submitted in June, C15
 * in October, C10 and C19 in Beijing are out). WITHIN_REGION: C03 C07 C21; CROSS_PROVINCE: C05 C18.
 * Of those 5 completed: C03 (on time) C07 (late) C21 (on time) C05 (late); C18 is open.
 */
class CrossRegionMetricsTest extends QuerySideTest {
    private static final String Q3 = "/api/metrics/cross-region?from=2025-07-01&to=2025-09-30";
    private static final String[] FIELDS = {"submitted", "local", "withinRegion", "crossProvince", "crossShare",
            "crossCompleted", "crossOnTime", "onTimeRate"};

    @Test
    void total() throws Exception {
        // 5/19 = 0.26315...
        assertThat(rows(json("leader", Q3), FIELDS)).containsExactly("total=19,14,3,2,0.2632,4,2,0.5000");
    }

    @Test
    void byPrefecture() throws Exception {
        JsonNode answer = json("auditor", Q3 + "&groupBy=prefecture");
        assertThat(rows(answer, FIELDS)).containsExactly(
                "650100=6,5,1,0,0.1667,1,1,1.0000",     // C01 C02 C03 C13 C20(650105) C23
                "650400=2,1,1,0,0.5000,1,1,1.0000",     // C09 C21
                "653100=7,5,1,1,0.2857,2,0,0.0000",     // C04 C05 C06 C07 C12 C14 C16
                "654000=4,3,0,1,0.2500,0,0,null");      // C08 C17 C18 C22
        assertThat(line(answer.get("total"), FIELDS)).isEqualTo("total=19,14,3,2,0.2632,4,2,0.5000");
    }

    @Test
    void byMonthOfSubmission() throws Exception {
        assertThat(rows(json("leader", Q3 + "&groupBy=month"), FIELDS)).containsExactly(
                "2025-07=6,4,1,1,0.3333,2,1,0.5000",    // C01 C02 C04 C05 C21 C22
                "2025-08=4,3,1,0,0.2500,1,1,1.0000",    // C03 C08 C09 C17
                "2025-09=9,7,1,1,0.2222,1,0,0.0000");   // C06 C07 C12 C13 C14 C16 C18 C20 C23
    }

    @Test
    void byChannel() throws Exception {
        assertThat(rows(json("leader", Q3 + "&groupBy=channel"), FIELDS)).containsExactly(
                "HALL=6,5,0,1,0.1667,1,0,0.0000",       // C02 C05 C09 C13 C17 C22
                "MOBILE=3,1,2,0,0.6667,2,1,0.5000",     // C03 C07 C16
                "ONLINE=9,8,0,1,0.1111,0,0,null",       // C01 C04 C06 C08 C12 C14 C18 C20 C23
                "SELF_SERVICE=1,0,1,0,1.0000,1,1,1.0000");
    }
}
