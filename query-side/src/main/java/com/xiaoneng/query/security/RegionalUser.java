package com.xiaoneng.query.security;

import com.xiaoneng.web.security.Role;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.List;

/** A local (HTTP Basic) user carrying its region. */
public class RegionalUser extends User {
    private final Role role;
    private final String region;

    public RegionalUser(String name, String encodedPassword, Role role, String region) {
        super(name, encodedPassword, List.of(new SimpleGrantedAuthority(role.authority())));
        this.role = role;
        this.region = region;
    }

    /** A fresh copy: Spring Security erases the credentials of the instance it authenticated. */
    public RegionalUser copy() {
        return new RegionalUser(getUsername(), getPassword(), role, region);
    }

    public String region() {
        return region;
    }
}
