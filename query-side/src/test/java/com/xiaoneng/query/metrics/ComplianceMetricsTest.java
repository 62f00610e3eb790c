package com.xiaoneng.query.metrics;

import com.xiaoneng.query.testing.QuerySideTest;
import org.junit.jupiter.api.Test;

import static org.springframework.test.web.servlet.result.MockMvcResultHandlers.print;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ComplianceMetricsTest extends QuerySideTest {
    @Test
    void smoke() throws Exception {
        as("leader", "/api/metrics/compliance?from=2025-07-01&to=2025-09-30&groupBy=prefecture").andDo(print()).andExpect(status().isOk());
        as("leader", "/api/metrics/cross-region?from=2025-07-01&to=2025-09-30&groupBy=agency").andDo(print()).andExpect(status().isOk());
        as("leader", "/api/metrics/ratings?from=2025-07-01&to=2025-09-30&groupBy=month").andDo(print()).andExpect(status().isOk());
    }
}
