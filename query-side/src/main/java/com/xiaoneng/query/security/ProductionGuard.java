package com.xiaoneng.query.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Stops the start of profile prod with the local (password) users enabled, before any bean (or
 * connection) is made: production authenticates with JWT only.
 */
public class ProductionGuard implements BeanFactoryPostProcessor, EnvironmentAware {
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        boolean localUsers = Binder.get(environment).bind("xiaoneng.security.local-users.enabled", Boolean.class)
                .orElse(false);
        if (localUsers && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("profile prod must not run with local users"
                    + " (xiaoneng.security.local-users.enabled=true); production uses JWT");
        }
    }
}
