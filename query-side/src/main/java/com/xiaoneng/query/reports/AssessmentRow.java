package com.xiaoneng.query.reports;

import java.math.BigDecimal;

/** One unit (prefecture or agency) of the scoreboard. */
public record AssessmentRow(Integer rank, String code, String name, long completed, BigDecimal onTimeRate,
                            long openOverdue, BigDecimal notOverdueShare, long ratings, BigDecimal goodRate, long bad,
                            BigDecimal rectificationRate, long crossRegion, BigDecimal score) {
}
