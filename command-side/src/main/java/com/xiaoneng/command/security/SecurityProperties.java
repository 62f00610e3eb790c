package com.xiaoneng.command.security;

import com.xiaoneng.web.security.SignInLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * xiaoneng.security.*. Local users (HTTP Basic, password {@code <name>-pass}) are for the embedded
 * default only; production uses JWTs whose claims carry the roles and the region.
 *
 * @param basicCacheTtl     how long a successful Basic check is remembered (5 minutes; 0 = check every request):
 *                          a changed password or disabled user is still let in for at most this long
 * @param basicCacheEntries credentials remembered at most (10,000)
 * @param loginThrottle     when failed password sign-ins lock a user name or client address
 */
@ConfigurationProperties(prefix = "xiaoneng.security")
public record SecurityProperties(Boolean localUsers, String rolesClaim, String regionClaim, Duration basicCacheTtl,
                                 Integer basicCacheEntries, SignInLimits loginThrottle) {
    public SecurityProperties {
        localUsers = localUsers == null || localUsers;
        rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
        regionClaim = regionClaim == null ? "region" : regionClaim;
        basicCacheTtl = basicCacheTtl == null ? Duration.ofMinutes(5) : basicCacheTtl;
        basicCacheEntries = basicCacheEntries == null ? 10_000 : basicCacheEntries;
        loginThrottle = loginThrottle == null ? new SignInLimits(null, null, null, null, null) : loginThrottle;
    }
}
