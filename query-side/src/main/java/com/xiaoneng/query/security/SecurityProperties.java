package com.xiaoneng.query.security;

import com.xiaoneng.web.security.Role;
import com.xiaoneng.web.security.SignInLimits;
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
