package com.xiaoneng.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The HTTP door both apps share: strict JSON, body limits, and every error, including the container's own
 * refusals, in the {@link ApiError} JSON. Registered before Boot's error handling so that {@code /error} is ours.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(HttpLimits.class)
@Import({StrictJsonConfig.class, FallbackErrors.class, ErrorEndpoint.class})
public class WebSupportAutoConfiguration {

    /** Before Spring Security's filters, so an oversized or wildcard-typed request costs no authentication. */
    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimits(HttpLimits limits) {
        FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(new RequestLimitsFilter(limits));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorValve() {
        return factory -> factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                .setErrorReportValveClass(JsonErrorValve.class.getName()));
    }
}
