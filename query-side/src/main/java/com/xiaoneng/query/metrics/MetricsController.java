package com.xiaoneng.query.metrics;

import com.xiaoneng.query.security.CurrentUser;
import com.xiaoneng.query.web.CaseFilter;
import com.xiaoneng.query.web.FilterParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import static com.xiaoneng.calendar.WorkingDayCalendar.ZONE;

/** Live metrics for LEADER, AUDITOR, SUPERVISOR and ADMIN. Period default: this year up to today. */
@RestController
@RequestMapping("/api/metrics")
public class MetricsController {
    private final MetricsService metrics;
    private final Clock clock;

    MetricsController(MetricsService metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @Operation(summary = "On-time completion over cases completed in the period; open overdue cases at asOf")
    @GetMapping("/compliance")
    public Metrics<ComplianceRow> compliance(
            @ParameterObject FilterParams filters,
            @Parameter(description = "region | prefecture | agency | item | channel | month; none = one total row")
            @RequestParam(required = false) String groupBy,
            @Parameter(description = "instant for openOverdue (ISO-8601, e.g. 2025-08-01T00:00:00Z); default now")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
            CurrentUser user) {
        return metrics.compliance(filter(filters, user), GroupBy.parse(groupBy), asOf != null ? CaseFilter.checkInstant("asOf", asOf) : clock.instant());
    }

    @Operation(summary = "Cross-region handling over cases submitted in the period")
    @GetMapping("/cross-region")
    public Metrics<CrossRegionRow> crossRegion(@ParameterObject FilterParams filters,
                                               @RequestParam(required = false) String groupBy, CurrentUser user) {
        return metrics.crossRegion(filter(filters, user), GroupBy.parse(groupBy));
    }

    @Operation(summary = "Ratings (好差评) given in the period and rectification of the bad ones")
    @GetMapping("/ratings")
    public Metrics<RatingsRow> ratings(@ParameterObject FilterParams filters,
                                       @RequestParam(required = false) String groupBy, CurrentUser user) {
        return metrics.ratings(filter(filters, user), GroupBy.parse(groupBy));
    }

    private CaseFilter filter(FilterParams filters, CurrentUser user) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        LocalDate to = filters.to() != null ? filters.to() : today;
        return CaseFilter.of(filters, user, to.withDayOfYear(1), today);
    }
}
