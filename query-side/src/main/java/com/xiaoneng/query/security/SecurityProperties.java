package com.xiaoneng.query.security;

import com.xiaoneng.web.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * xiaoneng.security.*.
 *
 * @param basicCacheTtl     how long a successful Basic check is remembered (5 minutes; 0 = check every request):
 *                          a changed password or disabled user is still let in for at most this long
 * @param basicCacheEntries credentials remembered at most (10,000)
 * @param loginThrottle     when failed password sign-ins lock a user name or client address
 */
@ConfigurationProperties("xiaoneng.security")
public record SecurityProperties(LocalUsers localUsers, Jwt jwt, Duration basicCacheTtl, Integer basicCacheEntries,
                                 SignInLimits loginThrottle) {
    public SecurityProperties {
        localUsers = localUsers == null ? new LocalUsers(false, List.of()) : localUsers;
        jwt = jwt == null ? new Jwt("roles", "region") : jwt;
        basicCacheTtl = basicCacheTtl == null ? Duration.ofMinutes(5) : basicCacheTtl;
        basicCacheEntries = basicCacheEntries == null ? 10_000 : basicCacheEntries;
        loginThrottle = loginThrottle == null ? new SignInLimits(null, null, null, null, null) : loginThrottle;
    }

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

    /** HTTP Basic users of the local profile. */
    public record LocalUsers(boolean enabled, List<LocalUser> users) {
        public LocalUsers {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    public record LocalUser(String name, String password, Role role, String region) {
    }

    /** Claims carrying the roles (a list or a space-separated string) and the region code. */
    public record Jwt(String rolesClaim, String regionClaim) {
    }
}
