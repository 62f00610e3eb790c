package com.xiaoneng.web.security;

import com.xiaoneng.web.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache in front of a BCrypt password check, counting how often BCrypt really runs. */
class CachingAuthenticationProviderTest {
    final CountingUsers users = new CountingUsers();
    final AtomicInteger bcryptChecks = users.bcryptChecks;
    final MovableClock clock = new MovableClock();

    CachingAuthenticationProvider provider(Duration ttl, int maxEntries) {
        return new CachingAuthenticationProvider(users.dao(), ttl, maxEntries, clock);
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
            assertThat(result.getName()).isEqualTo("agency-kashgar");
            assertThat(((CountingUsers.RegionUser) result.getPrincipal()).region()).isEqualTo("653100");
            assertThat(result.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                    .containsExactly("ROLE_AGENCY");
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
}
