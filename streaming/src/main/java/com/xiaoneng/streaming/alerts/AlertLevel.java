package com.xiaoneng.streaming.alerts;

/** 预警: YELLOW 即将超期, RED 超期. */
public enum AlertLevel {
    YELLOW, RED
}
