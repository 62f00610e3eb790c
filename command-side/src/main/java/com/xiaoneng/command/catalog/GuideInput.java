package com.xiaoneng.command.catalog;

import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;

import java.math.BigDecimal;

/**
 * An item's terms as a client sends them (PUT body or CSV row), not yet checked: any field may be
 * missing. Text is stripped here so that "  公安局 " and "公安局" are the same version.
 */
public record GuideInput(
        String name,
        ItemType type,
        String legalBasis,
        String agencyCode,
        String agencyName,
        String regionCode,
        Integer statutoryLimitDays,
        Integer promisedLimitDays,
        CrossRegionScope crossRegionScope,
        BigDecimal feeYuan) {

    public GuideInput {
        name = strip(name);
        legalBasis = strip(legalBasis);
        agencyCode = strip(agencyCode);
        agencyName = strip(agencyName);
        regionCode = strip(regionCode);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
