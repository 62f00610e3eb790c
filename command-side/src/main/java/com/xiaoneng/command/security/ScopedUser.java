package com.xiaoneng.command.security;

import com.xiaoneng.regions.Regions;
import com.xiaoneng.web.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Set;
import java.util.stream.Collectors;

/** The caller's roles and region (a province, prefecture or county code: its subtree is the scope). */
public record ScopedUser(String name, Set<Role> roles, String region) {

    public static ScopedUser of(Authentication authentication) {
        Set<Role> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .filter(r -> Set.of("LEADER", "AUDITOR", "SUPERVISOR", "AGENCY", "ADMIN").contains(r))
                .map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
        String region = authentication.getPrincipal() instanceof RegionBound bound ? bound.region()
                : authentication instanceof RegionBound bound2 ? bound2.region() : null;
        return new ScopedUser(authentication.getName(), roles, region);
    }

    public boolean covers(String regionCode) {
        return region != null && regionCode != null && Regions.contains(region, regionCode);
    }

    /** A principal or authentication that carries the user's region. */
    public interface RegionBound {
        String region();
    }
}
