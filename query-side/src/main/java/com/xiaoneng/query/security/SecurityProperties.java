package com.xiaoneng.query.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

@ConfigurationProperties("xiaoneng.security")
public record SecurityProperties(LocalUsers localUsers, Jwt jwt) {
    public SecurityProperties {
        localUsers = localUsers == null ? new LocalUsers(false, List.of()) : localUsers;
        jwt = jwt == null ? new Jwt("roles", "region") : jwt;
    }

    /** HTTP Basic users of the local profile. */
    public record LocalUsers(boolean enabled, List<LocalUser> users) {
        public LocalUsers {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    public record LocalUser(String name, String password, Role role, String region) {
    }

    /** Claims carrying the roles (a list or a space-separated string) and the region code. */
    public record Jwt(String rolesClaim, String regionClaim) {
    }
}
