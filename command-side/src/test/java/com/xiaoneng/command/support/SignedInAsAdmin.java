package com.xiaoneng.command.support;

import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** MockMvc requests sign in as the local ADMIN unless a test says otherwise. */
@TestConfiguration(proxyBeanMethods = false)
public class SignedInAsAdmin {
    @Bean
    MockMvcBuilderCustomizer signInAsAdmin() {
        return builder -> builder.defaultRequest(get("/").with(httpBasic("admin", "admin-pass")));
    }
}
