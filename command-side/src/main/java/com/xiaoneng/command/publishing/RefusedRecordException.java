package com.xiaoneng.command.publishing;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import java.util.Optional;

/**
 * An event whose record the broker, the producer or the contract refuses for the record itself: sending it
 * again unchanged fails the same way, so the publisher sets it aside instead of retrying. {@code rule} names
 * the refusal as in error bodies; the message says why without class names.
 */
public final class RefusedRecordException extends RuntimeException {
    private final String rule;

    RefusedRecordException(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    /** The refusal behind a failed send, or empty when the failure may pass (broker down, timeout, leader moving). */
    static Optional<RefusedRecordException> of(Throwable failure) {
        if (failure instanceof RecordTooLargeException) {
            return Optional.of(new RefusedRecordException("record.too-large", describe(failure, "the record is too large")));
        }
        if (failure instanceof SerializationException) {
            return Optional.of(new RefusedRecordException("record.serialization", describe(failure, "the record cannot be serialized")));
        }
        if (failure instanceof InvalidRecordException) {
            return Optional.of(new RefusedRecordException("record.invalid", describe(failure, "the broker refused the record as invalid")));
        }
        return Optional.empty();
    }

    private static String describe(Throwable failure, String fallback) {
        return failure.getMessage() == null || failure.getMessage().isBlank() ? fallback : failure.getMessage();
    }
}
