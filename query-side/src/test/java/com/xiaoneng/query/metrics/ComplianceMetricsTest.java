package com.xiaoneng.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compliance over Q3 2025 (see SeedData). Completed in Q3 within Xinjiang: C01 C02 C03 C04 C05 C06 C07
 * C08 C09 C21 C22 C23 C24 = 13; late C02 C05 C07 C22; working days 5+9+5+3+7+4+13+4+5+4+6+1+3 = 69.
 * Not counted: C10 (Beijing), C11 (completed 06-30 23:00), C12 (completed 10-01 00:10 Beijing time,
 * still 09-30 in UTC). Open overdue now (10-15): C13, C14, C18; not C15 (due 10-20), C16 (suspended),
 * C17 (revoked), C19 (Beijing), C12 (completed).
 */
class ComplianceMetricsTest extends QuerySideTest {
    private static final String Q3 = "/api/metrics/compliance?from=2025-07-01&to=2025-09-30";
    private static final String[] FIELDS = {"completed", "onTime", "late", "onTimeRate", "avgWorkingDays", "openOverdue"};

    @Test
    void totalWithoutGrouping() throws Exception {
        JsonNode answer = json("leader", Q3);
        // 9/13 = 0.69230..., 69/13 = 5.3076...
        assertThat(rows(answer, FIELDS)).containsExactly("total=13,9,4,0.6923,5.31,3");
        assertThat(line(answer.get("total"), FIELDS)).isEqualTo("total=13,9,4,0.6923,5.31,3");
        assertThat(answer.at("/filters/region").asText()).isEqualTo("650000");
        assertThat(answer.at("/filters/asOf").asText()).isEqualTo("2025-10-15T04:00:00Z");
    }

    @Test
    void byPrefecture() throws Exception {
        JsonNode answer = json("leader", Q3 + "&groupBy=prefecture");
        // 652101 (historical 吐鲁番地区 county) rolls up to 650400
        assertThat(rows(answer, FIELDS)).containsExactly(
                "650100=4,3,1,0.7500,5.00,1",     // C01 C02 C03 C23; wd 20; C13
                "650400=2,2,0,1.0000,4.50,0",     // C09 C21; wd 9
                "653100=5,3,2,0.6000,6.00,1",     // C04 C05 C06 C07 C24; wd 30; C14
                "654000=2,1,1,0.5000,5.00,1");    // C08 C22; wd 10; C18
        assertThat(answer.at("/rows/1/name").asText()).isEqualTo("吐鲁番市");
        assertThat(line(answer.get("total"), FIELDS)).isEqualTo("total=13,9,4,0.6923,5.31,3");
    }

    @Test
    void byRegion() throws Exception {
        assertThat(rows(json("leader", Q3 + "&groupBy=region"), FIELDS)).containsExactly(
                "650102=4,3,1,0.7500,5.00,1",
                "652101=2,2,0,1.0000,4.50,0",
                "653101=3,2,1,0.6667,4.33,1",     // C04 C05 C24; wd 13; C14
                "653121=2,1,1,0.5000,8.50,0",     // C06 C07; wd 17
                "654002=2,1,1,0.5000,5.00,1");
    }

    @Test
    void byAgencyWithNames() throws Exception {
        JsonNode answer = json("leader", Q3 + "&groupBy=agency");
        assertThat(rows(answer, FIELDS)).containsExactly(
                "AG-ILI=2,1,1,0.5000,5.00,1",
                "AG-KAS=3,2,1,0.6667,4.33,1",
                "AG-SHF=2,1,1,0.5000,8.50,0",
                "AG-TUR=2,2,0,1.0000,4.50,0",
                "AG-URU=4,3,1,0.7500,5.00,1");
        assertThat(answer.at("/rows/4/name").asText()).isEqualTo("乌鲁木齐市政务服务中心");
    }

    @Test
    void byItem() throws Exception {
        assertThat(rows(json("leader", Q3 + "&groupBy=item"), FIELDS)).containsExactly(
                "IT-L=7,5,2,0.7143,5.14,1",       // C01 C02 C04 C05 C08 C09 C24; wd 36; C13
                "IT-P=6,4,2,0.6667,5.50,2");      // C03 C06 C07 C21 C22 C23; wd 33; C14 C18
    }

    @Test
    void byChannel() throws Exception {
        assertThat(rows(json("leader", Q3 + "&groupBy=channel"), FIELDS)).containsExactly(
                "HALL=4,1,3,0.2500,6.75,1",       // C02 C05 C09 C22; wd 27; C13
                "MOBILE=3,2,1,0.6667,7.00,0",     // C03 C07 C24; wd 21
                "ONLINE=5,5,0,1.0000,3.40,2",     // C01 C04 C06 C08 C23; wd 17; C14 C18
                "SELF_SERVICE=1,1,0,1.0000,4.00,0");
    }

    @Test
    void byMonthOfCompletion() throws Exception {
        // C03 completed at 08-09 00:00 = its due instant (24:00 of 08-08): on time, counted in August;
        // C07 at 09-30 23:50 Beijing time: September. Open overdue is a state: only in the total.
        JsonNode answer = json("leader", Q3 + "&groupBy=month");
        assertThat(rows(answer, FIELDS)).containsExactly(
                "2025-07=7,4,3,0.5714,5.29,null",  // C01 C02 C04 C05 C21 C22 C24; wd 37
                "2025-08=3,3,0,1.0000,4.67,null",  // C03 C08 C09; wd 14
                "2025-09=3,2,1,0.6667,6.00,null"); // C06 C07 C23; wd 18
        assertThat(line(answer.get("total"), FIELDS)).isEqualTo("total=13,9,4,0.6923,5.31,3");
    }

    @Test
    void regionRollUpAndFilters() throws Exception {
        assertThat(rows(json("leader", Q3 + "&region=653100"), FIELDS)).containsExactly("total=5,3,2,0.6000,6.00,1");
        assertThat(rows(json("leader", Q3 + "&region=653121"), FIELDS)).containsExactly("total=2,1,1,0.5000,8.50,0");
        // the historical prefecture code 652100 is 650400 today
        assertThat(rows(json("leader", Q3 + "&region=652100"), FIELDS)).containsExactly("total=2,2,0,1.0000,4.50,0");
        assertThat(rows(json("leader", Q3 + "&region=650400"), FIELDS)).containsExactly("total=2,2,0,1.0000,4.50,0");
        assertThat(rows(json("leader", Q3 + "&agency=AG-KAS"), FIELDS)).containsExactly("total=3,2,1,0.6667,4.33,1");
        assertThat(rows(json("leader", Q3 + "&itemCode=IT-P&channel=ONLINE"), FIELDS))
                .containsExactly("total=2,2,0,1.0000,2.50,2");  // C06 C23; C14 C18
        assertThat(rows(json("leader", Q3 + "&agency=nobody"), FIELDS)).containsExactly("total=0,0,0,null,null,0");
    }

    @Test
    void openOverdueAsOfAnInstant() throws Exception {
        // at 24:00 of 09-30: C12 (due 09-29, completed 10-01 00:10) was open and overdue too
        assertThat(rows(json("leader", Q3 + "&groupBy=prefecture&asOf=2025-09-30T16:00:00Z"), "openOverdue"))
                .containsExactly("650100=1", "650400=0", "653100=2", "654000=1");
        // at 24:00 of 09-12 C13 is due, not yet overdue; a millisecond later it is
        assertThat(rows(json("leader", Q3 + "&asOf=2025-09-12T16:00:00Z"), "openOverdue")).containsExactly("total=0");
        assertThat(rows(json("leader", Q3 + "&asOf=2025-09-12T16:00:00.001Z"), "openOverdue")).containsExactly("total=1");
    }

    @Test
    void defaultPeriodIsThisYearUpToToday() throws Exception {
        // 2025-01-01 .. 2025-10-15: Q3's 13 plus C11 (06-30) and C12 (10-01), both late
        JsonNode answer = json("leader", "/api/metrics/compliance");
        assertThat(answer.at("/filters/from").asText()).isEqualTo("2025-01-01");
        assertThat(answer.at("/filters/to").asText()).isEqualTo("2025-10-15");
        assertThat(rows(answer, "completed", "onTime", "late")).containsExactly("total=15,9,6");
    }
}
