package com.xiaoneng.web.security;

import java.time.Duration;

/**
 * xiaoneng.security.login-throttle.*: {@code maxFailures} failed sign-ins of one user name (10), or
 * {@code maxFailuresPerAddress} from one client address (50), within {@code window} (15 minutes) lock that
 * name or address for {@code lockTime} (15 minutes); {@code maxEntries} names and addresses are tracked at
 * most (10,000).
 */
public record SignInLimits(Integer maxFailures, Integer maxFailuresPerAddress, Duration window,
                           Duration lockTime, Integer maxEntries) {
    public SignInLimits {
        maxFailures = positive("max-failures", maxFailures == null ? 10 : maxFailures);
        maxFailuresPerAddress = positive("max-failures-per-address",
                maxFailuresPerAddress == null ? 50 : maxFailuresPerAddress);
        window = window == null ? Duration.ofMinutes(15) : window;
        lockTime = lockTime == null ? Duration.ofMinutes(15) : lockTime;
        maxEntries = positive("max-entries", maxEntries == null ? 10_000 : maxEntries);
        if (window.isNegative() || window.isZero() || lockTime.isNegative() || lockTime.isZero()) {
            throw new IllegalArgumentException("xiaoneng.security.login-throttle: window and lock-time must be positive");
        }
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("xiaoneng.security.login-throttle." + name + " must be at least 1");
        }
        return value;
    }
}
