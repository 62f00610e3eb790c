package com.xiaoneng.query.security;

import com.xiaoneng.regions.Regions;
import com.xiaoneng.web.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Set;

/** Who is asking: from a local user or from a JWT's region claim. */
@Component
public class CurrentUsers {
    private final SecurityProperties properties;

    public CurrentUsers(SecurityProperties properties) {
        this.properties = properties;
    }

    public CurrentUser of(Authentication authentication) {
        String region = null;
        if (authentication.getPrincipal() instanceof RegionalUser user) {
            region = user.region();
        } else if (authentication instanceof JwtAuthenticationToken jwt) {
            region = jwt.getToken().getClaimAsString(properties.jwt().regionClaim());
        }
        // without a valid region there is no scope to limit the queries to
        if (!Regions.isValidCode(region)) {
            throw new AccessDeniedException("no valid region for user " + authentication.getName());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return new CurrentUser(authentication.getName(), region, roles);
    }
}
