package com.xiaoneng.web.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins counted per user name and per client address. After {@code maxFailures} failures of a name
 * (or {@code maxFailuresPerAddress} of an address) within the window, that name (address) is locked for the lock
 * time: attempts are refused before any password check, so a guesser costs no BCrypt work. A success clears the
 * name's count but not the address's, or one known account would launder guesses at the others.
 *
 * <p>Memory is bounded: at most {@code maxEntries} names and addresses, the least recently seen dropped first.
 */
public final class LoginThrottle {
    private final SignInLimits limits;
    private final Clock clock;
    private final Map<String, Counter> counters;

    /** Failures in the current window, and until when the key is locked (null: not locked). */
    private static final class Counter {
        Instant windowStart;
        int failures;
        Instant lockedUntil;
    }

    public LoginThrottle(SignInLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.counters = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
                return size() > limits.maxEntries();
            }
        };
    }

    /** How long this name or address must still wait; empty if it may try now. */
    Optional<Duration> lockedFor(String name, String address) {
        Instant now = clock.instant();
        synchronized (counters) {
            Duration wait = max(remaining(nameKey(name), now), remaining(addressKey(address), now));
            return wait.isZero() ? Optional.empty() : Optional.of(wait);
        }
    }

    void failed(String name, String address) {
        Instant now = clock.instant();
        synchronized (counters) {
            count(nameKey(name), limits.maxFailures(), now);
            count(addressKey(address), limits.maxFailuresPerAddress(), now);
        }
    }

    void succeeded(String name) {
        synchronized (counters) {
            counters.remove(nameKey(name));
        }
    }

    int size() {
        synchronized (counters) {
            return counters.size();
        }
    }

    private Duration remaining(String key, Instant now) {
        Counter counter = counters.get(key);
        if (counter == null || counter.lockedUntil == null) {
            return Duration.ZERO;
        }
        if (!now.isBefore(counter.lockedUntil)) {
            counters.remove(key);
            return Duration.ZERO;
        }
        return Duration.between(now, counter.lockedUntil);
    }

    private void count(String key, int limit, Instant now) {
        Counter counter = counters.computeIfAbsent(key, k -> new Counter());
        if (counter.windowStart == null || !now.isBefore(counter.windowStart.plus(limits.window()))) {
            counter.windowStart = now;
            counter.failures = 0;
        }
        counter.failures++;
        if (counter.failures >= limit) {
            counter.lockedUntil = now.plus(limits.lockTime());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String nameKey(String name) {
        // names past any real user's length are all one guesser: keep the key small
        return "user:" + (name.length() > 128 ? name.substring(0, 128) : name);
    }

    /** IPv6 clients by their /64, which one subscriber usually holds whole. */
    private static String addressKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return "addr:" + address;
        }
        try {
            // a literal (it contains ':'), so no name lookup
            InetAddress parsed = InetAddress.getByName(address);
            byte[] bytes = parsed.getAddress();
            if (bytes.length == 4) {
                // ::ffff:a.b.c.d is the IPv4 client a.b.c.d
                return "addr:" + parsed.getHostAddress();
            }
            for (int i = 8; i < 16; i++) {
                bytes[i] = 0;
            }
            return "addr:" + InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return "addr:" + address;
        }
    }
}
