package com.xiaoneng.query.security;

import com.xiaoneng.web.security.LoginThrottle;
import com.xiaoneng.web.security.ThrottledSignIn;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.web.ApiError;
import com.xiaoneng.regions.Regions;
import com.xiaoneng.web.security.CachingAuthenticationProvider;
import com.xiaoneng.web.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.xiaoneng.web.security.Role.ADMIN;
import static com.xiaoneng.web.security.Role.AUDITOR;
import static com.xiaoneng.web.security.Role.LEADER;
import static com.xiaoneng.web.security.Role.SUPERVISOR;

/**
 * Who may call what (issue 5 §4): LEADER metrics; AUDITOR metrics, audit lists and timelines;
 * SUPERVISOR metrics and reports; ADMIN everything including the export log. Local profile: HTTP
 * Basic users from configuration; prod: JWT bearer tokens, roles and region from claims.
 */
@Configuration
public class SecurityConfig {
    /** Swagger UI's stylesheet draws its icons from data: images; nothing here needs more than that. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    static ProductionGuard productionGuard() {
        return new ProductionGuard();
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties) {
        return new LoginThrottle(properties.loginThrottle(), Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ObjectMapper json,
                            UserDetailsService localUsers, PasswordEncoder encoder, LoginThrottle throttle)
            throws Exception {
        boolean local = properties.localUsers().enabled();
        http.csrf(csrf -> csrf.disable())
                // on every response: the workbench keeps credentials in sessionStorage, so no script or style but
                // its own files (no inline code, no other origin), no framing, no referrer leaving the page
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .contentTypeOptions(Customizer.withDefaults())
                        .frameOptions(frame -> frame.deny()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/actuator/health", "/error").permitAll()
                        // the audit workbench's static files; its data calls carry the credentials
                        .requestMatchers("/workbench", "/workbench/**").permitAll()
                        .requestMatchers("/api/me").authenticated()
                        .requestMatchers("/api/metrics/**").hasAnyRole(names(LEADER, AUDITOR, SUPERVISOR, ADMIN))
                        .requestMatchers("/api/audit/**", "/api/cases/**").hasAnyRole(names(AUDITOR, ADMIN))
                        .requestMatchers("/api/reports/exports").hasRole(ADMIN.name())
                        .requestMatchers("/api/reports/**").hasAnyRole(names(SUPERVISOR, ADMIN))
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized(json, local))
                        .accessDeniedHandler(forbidden(json)));
        if (local) {
            DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(localUsers);
            passwords.setPasswordEncoder(encoder);
            // its own manager, no parent: a wrong password is checked once, not again by a global fallback
            http.authenticationManager(new ProviderManager(new ThrottledSignIn(new CachingAuthenticationProvider(
                            passwords, properties.basicCacheTtl(), properties.basicCacheEntries(), Clock.systemUTC()),
                            throttle)))
                    .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized(json, true)));
        } else {
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtRoles(properties.jwt())))
                    .authenticationEntryPoint(unauthorized(json, false)));
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // cost 10 (tens of milliseconds a check): the credential cache keeps a client's repeated requests cheap
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    UserDetailsService localUsers(SecurityProperties properties, PasswordEncoder encoder) {
        Map<String, RegionalUser> users = properties.localUsers().enabled()
                ? properties.localUsers().users().stream().collect(Collectors.toUnmodifiableMap(
                        SecurityProperties.LocalUser::name, user -> localUser(user, encoder)))
                : Map.of();
        return name -> {
            RegionalUser user = users.get(name);
            if (user == null) {
                throw new UsernameNotFoundException(name);
            }
            return user.copy();
        };
    }

    private static RegionalUser localUser(SecurityProperties.LocalUser user, PasswordEncoder encoder) {
        if (!Regions.isValidCode(user.region())) {
            throw new IllegalStateException("local user " + user.name() + " has no valid region: " + user.region());
        }
        return new RegionalUser(user.name(), encoder.encode(user.password()), user.role(), user.region());
    }

    /** Roles from the configured claim: a list of names or one space-separated string, with or without ROLE_. */
    static JwtAuthenticationConverter jwtRoles(SecurityProperties.Jwt claims) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        Function<Jwt, Collection<GrantedAuthority>> roles = jwt -> {
            Object claim = jwt.getClaims().get(claims.rolesClaim());
            List<String> names = new ArrayList<>();
            if (claim instanceof Collection<?> list) {
                list.forEach(item -> names.add(String.valueOf(item)));
            } else if (claim instanceof String text) {
                names.addAll(List.of(text.trim().split("\\s+")));
            }
            return names.stream().filter(name -> !name.isBlank())
                    .map(name -> (GrantedAuthority) new SimpleGrantedAuthority(
                            name.startsWith("ROLE_") ? name : "ROLE_" + name.toUpperCase()))
                    .toList();
        };
        converter.setJwtGrantedAuthoritiesConverter(roles::apply);
        return converter;
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }

    private static AuthenticationEntryPoint unauthorized(ObjectMapper json, boolean basic) {
        return (request, response, exception) -> {
            if (exception instanceof ThrottledSignIn.Throttled throttled) {
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                write(json, response, HttpStatus.TOO_MANY_REQUESTS, "auth.throttled",
                        "too many failed sign-ins: try again in " + throttled.retryAfterSeconds() + " s");
                return;
            }
            response.setHeader("WWW-Authenticate", basic ? "Basic realm=\"xiaoneng\"" : "Bearer");
            write(json, response, HttpStatus.UNAUTHORIZED, "auth.required", "authentication required");
        };
    }

    private static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, exception) -> write(json, response, HttpStatus.FORBIDDEN, "auth.role",
                "your role does not allow " + request.getRequestURI());
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String rule,
                              String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(status, null, rule, message));
    }
}
