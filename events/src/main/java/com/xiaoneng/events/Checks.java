package com.xiaoneng.events;

import java.util.List;
import java.util.Objects;

/** Invariants of the contract, checked when an event is built or read from the wire. */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidEventException(field + " is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field + " is required");
        }
        return value;
    }

    static String region(String value, String field) {
        if (!com.xiaoneng.regions.Regions.isValidCode(value)) {
            throw new InvalidEventException(field + " must be a 6-digit GB/T 2260 region code, was " + value);
        }
        return value;
    }

    static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new InvalidEventException(field + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    static List<String> list(List<String> value, String field) {
        List<String> copy = List.copyOf(required(value, field));
        copy.forEach(Objects::requireNonNull);
        return copy;
    }
}
