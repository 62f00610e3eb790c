package com.xiaoneng.command.catalog;

import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;

import java.math.BigDecimal;
import java.time.Instant;

/** Checked terms of an item: a guide without code, version and date, so two versions compare by content. */
public record GuideTerms(
        String name,
        ItemType type,
        String legalBasis,
        String agencyCode,
        String agencyName,
        String regionCode,
        int statutoryLimitDays,
        int promisedLimitDays,
        CrossRegionScope crossRegionScope,
        BigDecimal feeYuan) {

    static GuideTerms of(ServiceGuide guide) {
        return new GuideTerms(guide.name(), guide.type(), guide.legalBasis(), guide.agencyCode(), guide.agencyName(),
                guide.regionCode(), guide.statutoryLimitDays(), guide.promisedLimitDays(), guide.crossRegionScope(),
                guide.feeYuan());
    }

    ServiceGuide asVersion(String code, int version, Instant validFrom) {
        return new ServiceGuide(code, version, name, type, legalBasis, agencyCode, agencyName, regionCode,
                statutoryLimitDays, promisedLimitDays, crossRegionScope, feeYuan, validFrom);
    }
}
