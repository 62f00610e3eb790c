package com.xiaoneng.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ratings given in Q3 2025 within Xinjiang: C01(5) C02(2) C03(4, default) C04(1) C05(3) C06(2, 09-30
 * 23:30) C09(5) C11(4) C21(4, default) C22(2) C24(3) = 11; not C07 (10-01 00:05 Beijing time) nor C10
 * (Beijing). Good 5, neutral 2, bad 4 (C02 C04 C06 C22); rectified C02 (on time) C04 (late) C22 (on time).
 */
class RatingsMetricsTest extends QuerySideTest {
    private static final String Q3 = "/api/metrics/ratings?from=2025-07-01&to=2025-09-30";
    private static final String[] FIELDS = {"ratings", "good", "neutral", "bad", "defaulted", "goodRate", "rectified",
            "rectifiedOnTime", "rectificationRate"};

    @Test
    void total() throws Exception {
        // 5/11 = 0.4545..., 3/4
        assertThat(rows(json("supervisor", Q3), FIELDS)).containsExactly("total=11,5,2,4,2,0.4545,3,2,0.7500");
    }

    @Test
    void byPrefecture() throws Exception {
        assertThat(rows(json("leader", Q3 + "&groupBy=prefecture"), FIELDS)).containsExactly(
                "650100=4,3,0,1,1,0.7500,1,1,1.0000",   // C01 C02 C03 C11
                "650400=2,2,0,0,1,1.0000,0,0,null",     // C09 C21
                "653100=4,0,2,2,0,0.0000,1,0,0.5000",   // C04 C05 C06 C24
                "654000=1,0,0,1,0,0.0000,1,1,1.0000");  // C22
    }

    @Test
    void byMonthOfRating() throws Exception {
        assertThat(rows(json("leader", Q3 + "&groupBy=month"), FIELDS)).containsExactly(
                "2025-07=8,3,2,3,1,0.3750,3,2,1.0000",  // C01 C02 C04 C05 C11 C21 C22 C24
                "2025-08=2,2,0,0,1,1.0000,0,0,null",    // C03 C09
                "2025-09=1,0,0,1,0,0.0000,0,0,0.0000"); // C06
    }

    @Test
    void byAgencyItemAndChannel() throws Exception {
        assertThat(rows(json("leader", Q3 + "&groupBy=agency"), FIELDS)).containsExactly(
                "AG-ILI=1,0,0,1,0,0.0000,1,1,1.0000",
                "AG-KAS=3,0,2,1,0,0.0000,1,0,1.0000",   // C04 C05 C24
                "AG-SHF=1,0,0,1,0,0.0000,0,0,0.0000",   // C06
                "AG-TUR=2,2,0,0,1,1.0000,0,0,null",
                "AG-URU=4,3,0,1,1,0.7500,1,1,1.0000");
        assertThat(rows(json("leader", Q3 + "&groupBy=item"), FIELDS)).containsExactly(
                "IT-L=7,3,2,2,0,0.4286,2,1,1.0000",     // C01 C02 C04 C05 C09 C11 C24
                "IT-P=4,2,0,2,2,0.5000,1,1,0.5000");    // C03 C06 C21 C22
        assertThat(rows(json("leader", Q3 + "&groupBy=channel"), FIELDS)).containsExactly(
                "HALL=4,1,1,2,0,0.2500,2,2,1.0000",     // C02 C05 C09 C22
                "MOBILE=2,1,1,0,1,0.5000,0,0,null",     // C03 C24
                "ONLINE=4,2,0,2,0,0.5000,1,0,0.5000",   // C01 C04 C06 C11
                "SELF_SERVICE=1,1,0,0,1,1.0000,0,0,null");
        JsonNode region = json("leader", Q3 + "&groupBy=region&region=653100");
        assertThat(rows(region, FIELDS)).containsExactly(
                "653101=3,0,2,1,0,0.0000,1,0,1.0000",
                "653121=1,0,0,1,0,0.0000,0,0,0.0000");
    }
}
