package com.xiaoneng.query.web;

/** A request parameter broke a rule; answered 400 naming the field and the rule. */
public class BadRequestException extends RuntimeException {
    private final String field;
    private final String rule;

    public BadRequestException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
