package com.xiaoneng.query.security;

import com.xiaoneng.web.security.ProdProfileGuard;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** Profile prod refuses the local (password) users: production authenticates with JWT only. */
public class ProductionGuard extends ProdProfileGuard {
    @Override
    protected void refuseLocalDefaults(Environment environment) {
        if (Binder.get(environment).bind("xiaoneng.security.local-users.enabled", Boolean.class).orElse(false)) {
            throw new IllegalStateException("profile prod must not run with local users"
                    + " (xiaoneng.security.local-users.enabled=true); production uses JWT");
        }
    }
}
