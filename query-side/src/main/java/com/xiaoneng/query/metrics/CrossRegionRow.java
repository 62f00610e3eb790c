package com.xiaoneng.query.metrics;

import java.math.BigDecimal;

/** Cases submitted in the period by cross-region mode; of the cross-region ones, completed and on time. */
public record CrossRegionRow(String key, String name, long submitted, long local, long withinRegion, long crossProvince,
                             BigDecimal crossShare, long crossCompleted, long crossOnTime, BigDecimal onTimeRate) {
    public long crossRegion() {
        return withinRegion + crossProvince;
    }
}
