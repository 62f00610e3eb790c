package com.xiaoneng.command.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache in front of the local users' BCrypt check, counting how often BCrypt really runs. */
class CachingAuthenticationProviderTest {
    final AtomicInteger bcryptChecks = new AtomicInteger();
    final MovableClock clock = new MovableClock();

    CachingAuthenticationProvider provider(Duration ttl, int maxEntries) {
        LocalUsers users = new LocalUsers();
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return users.encoder().encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcryptChecks.incrementAndGet();
                return users.encoder().matches(raw, encoded);
            }
        };
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(counting);
        return new CachingAuthenticationProvider(dao, ttl, maxEntries, clock);
    }

    static Authentication basic(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }

    @Test
    void aRepeatedGoodPasswordIsCheckedOnceAndKeepsRoleAndRegion() {
        CachingAuthenticationProvider provider = provider(Duration.ofMinutes(5), 100);
        for (int i = 0; i < 500; i++) {
            Authentication result = provider.authenticate(basic("agency-kashgar", "agency-kashgar-pass"));
            assertThat(result.isAuthenticated()).isTrue();
            assertThat(ScopedUser.of(result)).isEqualTo(new ScopedUser("agency-kashgar", java.util.Set.of(Role.AGENCY), "653100"));
        }
        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndRefusedEvenForARememberedUser() {
        CachingAuthenticationProvider provider = provider(Duration.ofMinutes(5), 100);
        provider.authenticate(basic("admin", "admin-pass"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(basic("admin", "admin-pas")))
                    .isInstanceOf(BadCredentialsException.class);
            assertThatThrownBy(() -> provider.authenticate(basic("admi", "nadmin-pass")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        // one good check, three wrong passwords through BCrypt (an unknown user costs no BCrypt of its own here)
        assertThat(bcryptChecks.get()).isGreaterThanOrEqualTo(4);
        assertThat(provider.size()).isEqualTo(1);
    }

    @Test
    void afterTheTtlThePasswordIsCheckedAgain() {
        CachingAuthenticationProvider provider = provider(Duration.ofMinutes(5), 100);
        provider.authenticate(basic("leader", "leader-pass"));
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        provider.authenticate(basic("leader", "leader-pass"));
        assertThat(bcryptChecks).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        provider.authenticate(basic("leader", "leader-pass"));
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void boundedAndSwitchedOffByAZeroTtl() {
        CachingAuthenticationProvider bounded = provider(Duration.ofMinutes(5), 2);
        for (String user : new String[] {"leader", "auditor", "supervisor", "leader"}) {
            bounded.authenticate(basic(user, user + "-pass"));
        }
        // leader was pushed out by the third user, so its second request ran BCrypt again
        assertThat(bounded.size()).isEqualTo(2);
        assertThat(bcryptChecks).hasValue(4);

        bcryptChecks.set(0);
        CachingAuthenticationProvider off = provider(Duration.ZERO, 100);
        off.authenticate(basic("admin", "admin-pass"));
        off.authenticate(basic("admin", "admin-pass"));
        assertThat(bcryptChecks).hasValue(2);
        assertThat(off.size()).isZero();
    }

    /** A clock the test moves by hand: no sleeping, no timing. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
