package com.xiaoneng.web.security;

/**
 * Who may do what (issue 5 §4), the same five roles on both apps: AGENCY records case steps (command side only),
 * LEADER, AUDITOR and SUPERVISOR read (query side only), ADMIN may do everything on both.
 */
public enum Role {
    LEADER, AUDITOR, SUPERVISOR, AGENCY, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
