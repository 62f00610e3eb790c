package com.xiaoneng.query.metrics;

import com.xiaoneng.query.web.BadRequestException;

import java.util.Arrays;
import java.util.Locale;

/** How metric rows are split; NONE gives one total row. */
public enum GroupBy {
    NONE, REGION, PREFECTURE, AGENCY, ITEM, CHANNEL, MONTH;

    /** The key as SQL over the columns case_facts and the counters share; {@code day} is the local day counted. */
    String key(String day) {
        return switch (this) {
            case NONE -> "''";
            case REGION -> "ifNull(handling_region, '')";
            case PREFECTURE -> "ifNull(handling_prefecture, '')";
            case AGENCY -> "ifNull(agency_code, '')";
            case ITEM -> "ifNull(item_code, '')";
            case CHANNEL -> "ifNull(channel, '')";
            case MONTH -> "formatDateTime(" + day + ", '%Y-%m')";
        };
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GroupBy parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return Arrays.stream(values()).filter(g -> g.parameter().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException("groupBy", "one_of",
                        "groupBy must be one of region, prefecture, agency, item, channel, month (or none), was '"
                                + value + "'"));
    }
}
