package com.xiaoneng.query.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The audit workbench page (static/workbench): Boot serves a welcome page only at "/", so the folder's
 * own address forwards to its index.html. Grafana links to /workbench/#/cases/{caseId}.
 */
@Configuration
public class WorkbenchConfig implements WebMvcConfigurer {
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/workbench", "/workbench/");
        registry.addViewController("/workbench/").setViewName("forward:/workbench/index.html");
    }
}
