package com.xiaoneng.web.testing;

import com.xiaoneng.web.security.LoginThrottle;
import com.xiaoneng.web.security.SignInLimits;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * For an app's sign-in throttle test: the app's limits (xiaoneng.security.login-throttle) on a clock the test
 * moves, and requests from a chosen client address.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableThrottle {
    public static final MovableClock CLOCK = new MovableClock();

    @Bean
    @Primary
    LoginThrottle movableLoginThrottle(Environment environment) {
        SignInLimits limits = Binder.get(environment).bind("xiaoneng.security.login-throttle", SignInLimits.class)
                .orElseGet(() -> new SignInLimits(null, null, null, null, null));
        return new LoginThrottle(limits, CLOCK);
    }

    public static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
