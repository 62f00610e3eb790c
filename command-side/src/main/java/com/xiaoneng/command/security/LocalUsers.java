package com.xiaoneng.command.security;

import com.xiaoneng.web.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The demo users of the local profile, listed in README. */
final class LocalUsers implements UserDetailsService {
    private static final String XINJIANG = "650000";
    private static final Map<String, Entry> USERS = Map.of(
            "leader", new Entry(Role.LEADER, XINJIANG),
            "auditor", new Entry(Role.AUDITOR, XINJIANG),
            "supervisor", new Entry(Role.SUPERVISOR, XINJIANG),
            "agency", new Entry(Role.AGENCY, XINJIANG),
            "admin", new Entry(Role.ADMIN, XINJIANG),
            "leader-kashgar", new Entry(Role.LEADER, "653100"),
            "agency-kashgar", new Entry(Role.AGENCY, "653100"));

    private record Entry(Role role, String region) {
    }

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, String> hashes;

    LocalUsers() {
        this.hashes = Map.copyOf(USERS.keySet().stream().collect(java.util.stream.Collectors.toMap(
                name -> name, name -> encoder.encode(name + "-pass"))));
    }

    PasswordEncoder encoder() {
        return encoder;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Entry entry = USERS.get(username);
        if (entry == null) {
            throw new UsernameNotFoundException(username);
        }
        return new RegionUser(username, hashes.get(username), entry.region(),
                List.of(new SimpleGrantedAuthority(entry.role().authority())));
    }

    /** A local user with a region. */
    record RegionUser(String getUsername, String getPassword, String region,
                      Collection<? extends GrantedAuthority> getAuthorities)
            implements UserDetails, ScopedUser.RegionBound {
    }
}
