package com.xiaoneng.command.catalog;

/** One broken rule: the field it concerns, a stable rule id for clients, and a message for people. */
public record Violation(String field, String rule, String message) {
}
