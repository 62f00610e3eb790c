package com.xiaoneng.command.security;

/** Who may do what (issue 5 §4); on the command side AGENCY records case steps and ADMIN manages. */
public enum Role {
    LEADER, AUDITOR, SUPERVISOR, AGENCY, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
