package com.xiaoneng.command.cases;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.Bounds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

@Configuration(proxyBeanMethods = false)
public class CaseRulesConfig {

    /** xiaoneng.rules.*: defaults follow the Xinjiang rules in domain.md. */
    @ConfigurationProperties(prefix = "xiaoneng.rules")
    public record RulesProperties(Integer defaultRatingDays, Integer rectificationDays, Duration futureTolerance,
                                  Duration lateFactGrace, Instant earliest, Integer maxDays) {
        public RulesProperties {
            earliest = earliest == null ? Bounds.DEFAULT_EARLIEST : earliest;
            maxDays = maxDays == null ? Bounds.MAX_DAYS_LIMIT : maxDays;
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
    CaseCommands.CaseTarget caseTarget() {
        return new CaseCommands.CaseTarget();
    }

    @Bean
    CaseRules caseRules(Clock clock, RulesProperties properties) {
        return new CaseRules(clock, WorkingDayCalendar.shipped(), properties.defaultRatingDays(),
                properties.rectificationDays(),
                new Bounds(properties.earliest(), properties.futureTolerance(), properties.maxDays()),
                properties.lateFactGrace());
    }
}
