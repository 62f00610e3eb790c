package com.xiaoneng.query.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;

/** Weights of the assessment score (docs/metrics.md, "Assessment score"); each >= 0, at least one > 0. */
@ConfigurationProperties("xiaoneng.reports.weights")
public record ReportWeights(BigDecimal onTimeRate, BigDecimal goodRate, BigDecimal rectificationRate,
                            BigDecimal notOverdueShare) {
    public ReportWeights {
        for (BigDecimal weight : new BigDecimal[] {onTimeRate, goodRate, rectificationRate, notOverdueShare}) {
            if (weight == null || weight.signum() < 0) {
                throw new IllegalArgumentException("xiaoneng.reports.weights.* must be set and >= 0");
            }
        }
        if (onTimeRate.add(goodRate).add(rectificationRate).add(notOverdueShare).signum() == 0) {
            throw new IllegalArgumentException("at least one of xiaoneng.reports.weights.* must be > 0");
        }
    }
}
