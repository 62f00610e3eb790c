package com.xiaoneng.query.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Ratios as exact decimals, rounded half-up (as ClickHouse rounds Decimals, docs/metrics.md). */
public final class Rates {
    private Rates() {
    }

    /** numerator / denominator to 4 decimals; null when the denominator is 0. */
    public static BigDecimal rate(long numerator, long denominator) {
        return ratio(numerator, denominator, 4);
    }

    public static BigDecimal ratio(long numerator, long denominator, int scale) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP);
    }
}
