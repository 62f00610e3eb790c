package com.xiaoneng.query.metrics;

import java.math.BigDecimal;

/** Ratings given in the period; of their bad ones, rectified so far and on time. */
public record RatingsRow(String key, String name, long ratings, long good, long neutral, long bad, long defaulted,
                         BigDecimal goodRate, long rectified, long rectifiedOnTime, BigDecimal rectificationRate) {
}
