package com.xiaoneng.events;

/** How far apart an item's accepting and handling regions may be (办事指南). */
public enum CrossRegionScope {
    NONE, WITHIN_REGION, CROSS_PROVINCE;

    public boolean allows(CrossRegionMode mode, boolean sameRegion) {
        if (sameRegion) {
            return true;
        }
        return switch (this) {
            case NONE -> false;
            case WITHIN_REGION -> mode != CrossRegionMode.CROSS_PROVINCE;
            case CROSS_PROVINCE -> true;
        };
    }
}
