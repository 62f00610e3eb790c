package com.xiaoneng.events;

/** The lifecycle position of a case, as every side derives it from the events. */
public enum CaseStatus {
    SUBMITTED, ACCEPTED, SUSPENDED, NOT_ACCEPTED, REVOKED, COMPLETED;

    public boolean isOpen() {
        return this == ACCEPTED || this == SUSPENDED;
    }
}
