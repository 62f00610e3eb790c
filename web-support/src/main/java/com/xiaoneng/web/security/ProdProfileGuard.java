package com.xiaoneng.web.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Stops the start of profile prod with what belongs to local runs only, before any bean is made (so before an
 * embedded service or a connection exists). Each app names its own unsafe defaults.
 */
public abstract class ProdProfileGuard implements BeanFactoryPostProcessor, EnvironmentAware {
    private Environment environment;

    @Override
    public final void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public final void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            refuseLocalDefaults(environment);
        }
    }

    /** Throws an IllegalStateException naming the setting to change when prod would run on a local default. */
    protected abstract void refuseLocalDefaults(Environment environment);
}
