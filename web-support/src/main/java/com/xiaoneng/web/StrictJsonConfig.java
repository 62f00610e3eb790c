package com.xiaoneng.web;

import com.xiaoneng.events.StrictJson;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every JSON body (REST and import lines) is read by the contract's strict rules (docs/events.md, "Strict JSON"). */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfig {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder.postConfigurer(StrictJson::apply);
    }
}
