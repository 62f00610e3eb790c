package com.xiaoneng.events;

/** Where the applicant submitted (Art. 27, 34). */
public enum Channel {
    ONLINE, HALL, MOBILE, SELF_SERVICE
}
