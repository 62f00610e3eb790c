package com.xiaoneng.command.security;

import com.xiaoneng.web.security.LoginThrottle;
import com.xiaoneng.web.security.ThrottledSignIn;
import com.xiaoneng.regions.Regions;
import com.xiaoneng.web.security.CachingAuthenticationProvider;
import com.xiaoneng.web.security.Role;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Who may call what on the command side. Case steps: AGENCY (only for cases whose handling region is
 * in its scope, checked by {@link CaseAccess}) and ADMIN; catalog changes and replays: ADMIN; reading
 * the catalog: any signed-in user. Local profile: HTTP Basic with the demo users; profile {@code prod}:
 * JWT bearer tokens ({@link com.xiaoneng.command.config.ProductionGuard} refuses to start it with the local users).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties) {
        return new LoginThrottle(properties.loginThrottle(), Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, LoginThrottle throttle) throws Exception {
        AuthenticationEntryPoint signIn = (request, response, ex) -> {
            if (ex instanceof ThrottledSignIn.Throttled throttled) {
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                json(response, HttpStatus.TOO_MANY_REQUESTS, "auth.throttled", "too many failed sign-ins: try again in "
                        + throttled.retryAfterSeconds() + " s");
                return;
            }
            response.setHeader("WWW-Authenticate", properties.localUsers() ? "Basic realm=\"xiaoneng\"" : "Bearer");
            json(response, HttpStatus.UNAUTHORIZED, "auth.required", "sign in first");
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/catalog/**").authenticated()
                        .requestMatchers("/api/catalog/**", "/api/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/cases/**", "/api/cases", "/api/import/**")
                        .hasAnyRole(Role.AGENCY.name(), Role.ADMIN.name())
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(signIn)
                        .accessDeniedHandler((request, response, ex) ->
                                json(response, HttpStatus.FORBIDDEN, "auth.role", "your role may not do this")));
        if (properties.localUsers()) {
            LocalUsers users = new LocalUsers();
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
            provider.setPasswordEncoder(users.encoder());
            // its own manager, no parent: a wrong password is checked once, not again by a global fallback
            http.authenticationManager(new ProviderManager(new ThrottledSignIn(new CachingAuthenticationProvider(provider,
                            properties.basicCacheTtl(), properties.basicCacheEntries(), Clock.systemUTC()), throttle)))
                    // a wrong password gets the same JSON answer as no credentials
                    .httpBasic(basic -> basic.authenticationEntryPoint(signIn));
        } else {
            http.oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(
                    token -> jwtAuthentication(token, properties))));
        }
        return http.build();
    }

    private static AbstractAuthenticationToken jwtAuthentication(Jwt jwt, SecurityProperties properties) {
        List<String> roles = jwt.getClaimAsStringList(properties.rolesClaim());
        Collection<GrantedAuthority> authorities = roles == null ? List.of()
                : roles.stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList();
        String region = jwt.getClaimAsString(properties.regionClaim());
        return new RegionJwt(jwt, authorities, Regions.isValidCode(region) ? region : null);
    }

    /** A JWT authentication carrying the region claim. */
    static final class RegionJwt extends JwtAuthenticationToken implements ScopedUser.RegionBound {
        private final String region;

        RegionJwt(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String region) {
            super(jwt, authorities);
            this.region = region;
        }

        @Override
        public String region() {
            return region;
        }
    }

    static void json(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String rule, String message)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status.value() + ",\"error\":\"" + status.getReasonPhrase()
                + "\",\"rule\":\"" + rule + "\",\"message\":\"" + message + "\"}");
    }
}
