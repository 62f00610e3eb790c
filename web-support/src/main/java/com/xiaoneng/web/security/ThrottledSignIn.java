package com.xiaoneng.web.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

/**
 * The outermost check of a password sign-in: a locked name or address is refused before the credential cache
 * and BCrypt. Outside the cache on purpose: a locked guesser must not get answers from it either.
 */
public final class ThrottledSignIn implements AuthenticationProvider {
    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;

    public ThrottledSignIn(AuthenticationProvider delegate, LoginThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Duration wait = throttle.lockedFor(name, address).orElse(null);
        if (wait != null) {
            throw new Throttled(wait);
        }
        Authentication result;
        try {
            result = delegate.authenticate(authentication);
        } catch (BadCredentialsException e) {
            throttle.failed(name, address);
            throw e;
        }
        if (result != null && result.isAuthenticated()) {
            throttle.succeeded(name);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    /** Too many failed sign-ins: answered 429 with Retry-After. */
    public static final class Throttled extends AuthenticationException {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("too many failed sign-ins");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, rounded up: a client that waits this long may try again. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
