package com.xiaoneng.query.security;

/** Roles of issue 5; AGENCY acts on cases (command side) and reads nothing here. */
public enum Role {
    LEADER, AUDITOR, SUPERVISOR, AGENCY, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
