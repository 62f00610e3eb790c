package com.xiaoneng.command.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class CaseRulesConfig {

    /** xiaoneng.rules.*: defaults follow the Xinjiang rules in domain.md. */
    @ConfigurationProperties(prefix = "xiaoneng.rules")
    public record RulesProperties(Integer defaultRatingDays, Integer rectificationDays, Duration futureTolerance,
                                  Duration lateFactGrace) {
        public RulesProperties {
            lateFactGrace = lateFactGrace == null ? Duration.ofMinutes(5) : lateFactGrace;
            defaultRatingDays = defaultRatingDays == null ? 5 : defaultRatingDays;
            rectificationDays = rectificationDays == null ? 15 : rectificationDays;
            futureTolerance = futureTolerance == null ? Duration.ofMinutes(5) : futureTolerance;
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** xiaoneng.cases.cache-size: case aggregates kept loaded (a few hundred bytes each). */
    @Bean
    CaseCache caseCache(@Value("${xiaoneng.cases.cache-size:100000}") int size) {
        return new CaseCache(size);
    }

    @Bean
    CaseRules caseRules(Clock clock, RulesProperties properties) {
        return new CaseRules(clock, WorkingDayCalendar.shipped(), properties.defaultRatingDays(),
                properties.rectificationDays(), properties.futureTolerance(), properties.lateFactGrace());
    }
}
