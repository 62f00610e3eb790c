package com.xiaoneng.query.security;

import com.xiaoneng.web.security.Role;

import java.util.Set;

/** The caller: name, region (the root of what they may see) and roles. */
public record CurrentUser(String name, String region, Set<Role> roles) {
}
