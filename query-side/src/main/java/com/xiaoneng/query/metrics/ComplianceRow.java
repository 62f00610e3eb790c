package com.xiaoneng.query.metrics;

import java.math.BigDecimal;

/** Cases completed in the period, and open overdue at asOf (null for month rows: a state has no month). */
public record ComplianceRow(String key, String name, long completed, long onTime, long late, BigDecimal onTimeRate,
                            BigDecimal avgWorkingDays, Long openOverdue) {
}
