package com.xiaoneng.events;

/** 事项类型. */
public enum ItemType {
    LICENSE, CONFIRMATION, ADJUDICATION, PAYMENT, OTHER_POWER, PUBLIC_SERVICE
}
