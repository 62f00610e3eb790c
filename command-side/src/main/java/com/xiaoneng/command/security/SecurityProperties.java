package com.xiaoneng.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * xiaoneng.security.*. Local users (HTTP Basic, password {@code <name>-pass}) are for the embedded
 * default only; production uses JWTs whose claims carry the roles and the region.
 */
@ConfigurationProperties(prefix = "xiaoneng.security")
public record SecurityProperties(Boolean localUsers, String rolesClaim, String regionClaim) {
    public SecurityProperties {
        localUsers = localUsers == null || localUsers;
        rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
        regionClaim = regionClaim == null ? "region" : regionClaim;
    }
}
