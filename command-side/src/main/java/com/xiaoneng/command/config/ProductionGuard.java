package com.xiaoneng.command.config;

import com.xiaoneng.web.security.ProdProfileGuard;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Profile prod refuses the local demo users (production authenticates with JWT only) and a missing datasource
 * URL (without one the command side would run its own PostgreSQL, and the event store of production would end
 * up in a directory beside the jar).
 */
@Component
public class ProductionGuard extends ProdProfileGuard {
    @Override
    protected void refuseLocalDefaults(Environment environment) {
        // as SecurityProperties defaults it: on unless switched off
        if (Binder.get(environment).bind("xiaoneng.security.local-users", Boolean.class).orElse(true)) {
            throw new IllegalStateException("profile prod must not run with the local demo users:"
                    + " set xiaoneng.security.local-users=false and configure the JWT issuer");
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank() || url.equals(EmbeddedPostgresConfig.EMBEDDED)) {
            throw new IllegalStateException("profile prod needs its PostgreSQL: set SPRING_DATASOURCE_URL"
                    + " (spring.datasource.url, with SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD);"
                    + " the embedded PostgreSQL is for local runs only");
        }
    }
}
