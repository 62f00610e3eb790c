package com.xiaoneng.command.catalog;

import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;

import java.math.BigDecimal;
import java.time.Instant;

/** One version of an item's published terms (办事指南); a change to an item makes a new version (Art. 11). */
public record ServiceGuide(
        String code,
        int version,
        String name,
        ItemType type,
        String legalBasis,
        String agencyCode,
        String agencyName,
        String regionCode,
        int statutoryLimitDays,
        int promisedLimitDays,
        CrossRegionScope crossRegionScope,
        BigDecimal feeYuan,
        Instant validFrom) {
}
