package com.xiaoneng.command.cases;

/**
 * A command refused by the case's rules. {@code status} is the HTTP status it maps to: 400 for input
 * that is wrong in itself (naming {@code field}), 409 for a step the case's state does not allow.
 */
public class CaseException extends RuntimeException {
    private final int status;
    private final String field;
    private final String rule;

    private CaseException(int status, String field, String rule, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.rule = rule;
    }

    public static CaseException invalid(String field, String rule, String message) {
        return new CaseException(400, field, rule, message);
    }

    public static CaseException conflict(String rule, String message) {
        return new CaseException(409, null, rule, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
