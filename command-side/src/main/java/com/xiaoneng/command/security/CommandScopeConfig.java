package com.xiaoneng.command.security;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Every command carries its caller's scope, whichever door sent it (REST, the import). */
@Configuration(proxyBeanMethods = false)
public class CommandScopeConfig {
    @Autowired
    void stampCallerScope(CommandBus commandBus, CaseAccess access) {
        commandBus.registerDispatchInterceptor(access);
    }
}
