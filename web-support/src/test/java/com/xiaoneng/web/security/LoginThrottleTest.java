package com.xiaoneng.web.security;

import com.xiaoneng.web.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sign-in throttle in front of the credential cache and BCrypt (counted), on a clock the test moves:
 * 10 failures of a name or 50 of an address within 15 minutes lock it for 15 minutes.
 */
class LoginThrottleTest {
    final CountingUsers users = new CountingUsers();
    final AtomicInteger bcryptChecks = users.bcryptChecks;
    final MovableClock clock = new MovableClock();
    final SignInLimits limits = new SignInLimits(10, 50,
            Duration.ofMinutes(15), Duration.ofMinutes(15), 1_000);
    final LoginThrottle throttle = new LoginThrottle(limits, clock);
    final ThrottledSignIn signIn = signIn();

    ThrottledSignIn signIn() {
        return new ThrottledSignIn(new CachingAuthenticationProvider(users.dao(), Duration.ofMinutes(5), 100, clock), throttle);
    }

    static Authentication basic(String name, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    /** "401" for a wrong password, "429" for a throttled attempt, "200" for a success. */
    String attempt(String name, String password, String address) {
        try {
            signIn.authenticate(basic(name, password, address));
            return "200";
        } catch (ThrottledSignIn.Throttled e) {
            return "429";
        } catch (BadCredentialsException e) {
            return "401";
        }
    }

    @Test
    void twoHundredWrongPasswordsCostTenBcryptChecksAndTheRestWait() {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(attempt("admin", "guess-" + i, "203.0.113.7"));
        }
        assertThat(answers.subList(0, 10)).containsOnly("401");
        assertThat(answers.subList(10, 200)).containsOnly("429");
        assertThat(bcryptChecks).hasValue(10);

        // the right password does not open the locked name, from anywhere, nor is it checked
        assertThat(attempt("admin", "admin-pass", "198.51.100.1")).isEqualTo("429");
        assertThat(bcryptChecks).hasValue(10);
        assertThatThrownBy(() -> signIn.authenticate(basic("admin", "admin-pass", "198.51.100.1")))
                .isInstanceOfSatisfying(ThrottledSignIn.Throttled.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(15 * 60));
        // another user, even from the guesser's address (10 failures there, not 50), signs in
        assertThat(attempt("leader", "leader-pass", "203.0.113.7")).isEqualTo("200");
        assertThat(attempt("auditor", "auditor-pass", "198.51.100.1")).isEqualTo("200");

        clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> signIn.authenticate(basic("admin", "admin-pass", "198.51.100.1")))
                .isInstanceOfSatisfying(ThrottledSignIn.Throttled.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));
        clock.advance(Duration.ofMinutes(1));
        assertThat(attempt("admin", "admin-pass", "198.51.100.1")).isEqualTo("200");
    }

    @Test
    void aSuccessClearsTheNamesCountAndOldFailuresLeaveTheWindow() {
        for (int i = 0; i < 9; i++) {
            assertThat(attempt("agency", "wrong", "192.0.2.1")).isEqualTo("401");
        }
        assertThat(attempt("agency", "agency-pass", "192.0.2.1")).isEqualTo("200");
        for (int i = 0; i < 9; i++) {
            assertThat(attempt("agency", "wrong", "192.0.2.1")).isEqualTo("401");
        }
        clock.advance(Duration.ofMinutes(15));
        for (int i = 0; i < 9; i++) {
            assertThat(attempt("agency", "wrong", "192.0.2.1")).isEqualTo("401");
        }
        assertThat(attempt("agency", "wrong", "192.0.2.1")).as("the tenth within 15 minutes").isEqualTo("401");
        assertThat(attempt("agency", "agency-pass", "192.0.2.1")).isEqualTo("429");
    }

    @Test
    void oneAddressSprayingManyNamesIsLockedAsAWhole() {
        for (int i = 0; i < 50; i++) {
            assertThat(attempt("user-" + i, "password", "192.0.2.99")).isEqualTo("401");
        }
        assertThat(attempt("leader", "leader-pass", "192.0.2.99")).isEqualTo("429");
        assertThat(attempt("leader", "leader-pass", "192.0.2.100")).isEqualTo("200");
        // an IPv6 client is one /64: its other addresses share the lock
        for (int i = 0; i < 50; i++) {
            attempt("user-" + i, "password", "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThat(attempt("leader", "leader-pass", "2001:db8:1:2:ffff::1")).isEqualTo("429");
        assertThat(attempt("leader", "leader-pass", "2001:db8:1:3::1")).isEqualTo("200");
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 20_000; i++) {
            throttle.failed("name-" + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(throttle.size()).isEqualTo(1_000);
        // a name of a megabyte is kept as a short key
        throttle.failed("x".repeat(1 << 20), "10.9.9.9");
        assertThat(throttle.size()).isEqualTo(1_000);
    }
}
