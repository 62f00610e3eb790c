package com.xiaoneng.web.security;

import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Users with password {@code <name>-pass} behind a BCrypt check that counts how often it really runs. */
final class CountingUsers {
    static final Map<String, Role> USERS = Map.of("leader", Role.LEADER, "auditor", Role.AUDITOR,
            "supervisor", Role.SUPERVISOR, "admin", Role.ADMIN, "agency", Role.AGENCY, "agency-kashgar", Role.AGENCY);
    // cost 4: the tests count checks, they do not need them slow
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);
    private static final Map<String, String> HASHES = USERS.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(name -> name, name -> BCRYPT.encode(name + "-pass")));

    final AtomicInteger bcryptChecks = new AtomicInteger();

    /** As the apps' users: a principal that carries a region beside the role. */
    record RegionUser(String getUsername, String getPassword, String region,
                      Collection<? extends GrantedAuthority> getAuthorities) implements UserDetails {
    }

    DaoAuthenticationProvider dao() {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(name -> {
            if (!USERS.containsKey(name)) {
                throw new UsernameNotFoundException(name);
            }
            String region = name.endsWith("-kashgar") ? "653100" : "650000";
            return new RegionUser(name, HASHES.get(name), region,
                    List.of(new SimpleGrantedAuthority(USERS.get(name).authority())));
        });
        dao.setPasswordEncoder(new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return BCRYPT.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcryptChecks.incrementAndGet();
                return BCRYPT.matches(raw, encoded);
            }
        });
        return dao;
    }
}
