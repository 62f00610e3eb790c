package com.xiaoneng.events;

/** 办结结果. DENIED needs reasons and remedies (Art. 19); FORWARDED is 转报 (Art. 20). */
public enum Outcome {
    APPROVED, DENIED, FORWARDED, TERMINATED
}
