package com.xiaoneng.command.security;

import com.xiaoneng.regions.Regions;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import com.xiaoneng.web.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * AGENCY acts only on cases handled in its region's subtree; ADMIN everywhere. Every command carries its
 * caller's scope as metadata ({@link #SCOPE}), stamped at dispatch, so the case aggregate checks it
 * against its own state: no history is read before a write.
 */
@Component
public class CaseAccess implements MessageDispatchInterceptor<CommandMessage<?>> {
    /** Metadata key: the region code whose subtree the caller may act in, or {@link #EVERYWHERE}. */
    public static final String SCOPE = "regionScope";
    /** ADMIN, or the system itself (no signed-in caller: start-up tasks, tests of the rules). */
    public static final String EVERYWHERE = "*";

    public void requireHandlingRegion(String handlingRegion) {
        requireCovers(callerScope(), handlingRegion);
    }

    /** Throws unless {@code scope} (a command's {@link #SCOPE}) covers the case's handling region. */
    public static void requireCovers(Object scope, String handlingRegion) {
        if (scope == null) {
            // a command dispatched past this interceptor: refuse rather than act without a scope
            throw new IllegalStateException("command without " + SCOPE + " metadata");
        }
        if (EVERYWHERE.equals(scope) || handlingRegion == null) {
            return;
        }
        String region = scope.toString();
        if (region.isEmpty() || !Regions.contains(region, handlingRegion)) {
            throw new ForbiddenRegionException("handling region " + handlingRegion + " is outside your region "
                    + (region.isEmpty() ? "(none)" : region));
        }
    }

    private static String callerScope() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return EVERYWHERE;
        }
        ScopedUser user = ScopedUser.of(authentication);
        if (user.roles().contains(Role.ADMIN)) {
            return EVERYWHERE;
        }
        return user.region() == null ? "" : user.region();
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.andMetaData(Map.of(SCOPE, callerScope()));
    }

    /** The caller's region does not cover the case. */
    public static class ForbiddenRegionException extends RuntimeException {
        public ForbiddenRegionException(String message) {
            super(message);
        }
    }
}
