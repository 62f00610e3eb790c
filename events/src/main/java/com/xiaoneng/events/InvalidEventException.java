package com.xiaoneng.events;

/** An event that breaks the contract (missing field, value out of range, unknown type). */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
