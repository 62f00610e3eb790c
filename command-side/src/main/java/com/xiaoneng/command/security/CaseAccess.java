package com.xiaoneng.command.security;

import com.xiaoneng.web.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** AGENCY acts only on cases handled in its region's subtree; ADMIN everywhere. */
@Component
public class CaseAccess {

    public void requireHandlingRegion(String handlingRegion) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return;
        }
        ScopedUser user = ScopedUser.of(authentication);
        if (user.roles().contains(Role.ADMIN) || handlingRegion == null) {
            return;
        }
        if (!user.covers(handlingRegion)) {
            throw new ForbiddenRegionException("handling region " + handlingRegion + " is outside your region "
                    + user.region());
        }
    }

    /** The caller's region does not cover the case. */
    public static class ForbiddenRegionException extends RuntimeException {
        public ForbiddenRegionException(String message) {
            super(message);
        }
    }
}
