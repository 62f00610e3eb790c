package com.xiaoneng.events;

/** 通办模式, derived from the accepting and handling regions. */
public enum CrossRegionMode {
    LOCAL, WITHIN_REGION, CROSS_PROVINCE
}
