package com.xiaoneng.web.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers successful HTTP Basic checks for a while. Basic sends the password with every request and BCrypt
 * costs tens of milliseconds of CPU by design, so without this a client on one set of credentials (the simulator,
 * the importer, a script) is held to about 14 requests per second per core.
 *
 * <p>Only successes are remembered; a wrong password always goes to the delegate (and BCrypt). A remembered
 * check outlives a password change or a disabled user by at most the TTL. The key is an HMAC of name and password
 * under a random key made at start, so the cache holds neither the password nor a hash one could attack offline.
 */
public final class CachingAuthenticationProvider implements AuthenticationProvider {
    private final AuthenticationProvider delegate;
    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered;

    private record Remembered(Authentication authentication, Instant expires) {
    }

    /**
     * @param ttl        how long a successful check is trusted; zero turns the cache off
     * @param maxEntries credentials remembered at most; the least recently used go first
     */
    public CachingAuthenticationProvider(AuthenticationProvider delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.remembered = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (ttl.isZero() || !(authentication instanceof UsernamePasswordAuthenticationToken)
                || authentication.getCredentials() == null) {
            return delegate.authenticate(authentication);
        }
        String cacheKey = cacheKey(authentication.getName(), authentication.getCredentials().toString());
        Instant now = clock.instant();
        Remembered hit;
        synchronized (remembered) {
            hit = remembered.get(cacheKey);
            if (hit != null && !now.isBefore(hit.expires())) {
                remembered.remove(cacheKey);
                hit = null;
            }
        }
        if (hit != null) {
            // a fresh token: the framework erases credentials on what it gets back
            UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
                    hit.authentication().getPrincipal(), null, hit.authentication().getAuthorities());
            token.setDetails(authentication.getDetails());
            return token;
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            synchronized (remembered) {
                remembered.put(cacheKey, new Remembered(result, now.plus(ttl)));
            }
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    int size() {
        synchronized (remembered) {
            return remembered.size();
        }
    }

    private String cacheKey(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            // a separator no name contains, so ("ab", "c") and ("a", "bc") differ
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
