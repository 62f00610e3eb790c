package com.xiaoneng.query.audit;

import com.xiaoneng.query.security.CurrentUser;
import com.xiaoneng.query.web.BadRequestException;
import com.xiaoneng.query.web.CaseFilter;
import com.xiaoneng.query.web.FilterParams;
import com.xiaoneng.query.web.Page;
import com.xiaoneng.query.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.regex.Pattern;

/** Lists for AUDITOR and ADMIN. from/to are optional here: without them the whole history is listed. */
@RestController
public class AuditController {
    /** As docs/events.md defines case ids. */
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final AuditQueries audit;
    private final Clock clock;

    AuditController(AuditQueries audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Operation(summary = "Overdue cases: open past due now (period on the due day) or completed late (period on"
            + " the completion day)")
    @GetMapping("/api/audit/overdue")
    public Page<OverdueRow> overdue(
            @Parameter(description = "open | late", required = true) @RequestParam String state,
            @ParameterObject FilterParams filters,
            @Parameter(description = "from 0") @RequestParam(required = false) Integer page,
            @Parameter(description = "1..1000, default 50") @RequestParam(required = false) Integer size,
            @Parameter(description = "caseId | itemCode | itemName | agency | handlingRegion | acceptedAt | dueAt |"
                    + " completedAt | overdueWorkingDays, optionally ,asc or ,desc; default dueAt,asc")
            @RequestParam(required = false) String sort,
            CurrentUser user) {
        OverdueState overdueState = OverdueState.parse(state);
        return audit.overdue(overdueState, CaseFilter.of(filters, user, null, null),
                Paging.of(page, size, sort, AuditQueries.OVERDUE_SORT, "dueAt"), clock.instant());
    }

    @Operation(summary = "Bad ratings (差评, score 1-2) given in the period, and their rectification")
    @GetMapping("/api/audit/poor-ratings")
    public Page<PoorRatingRow> poorRatings(
            @Parameter(description = "true = rectified only, false = not rectified only; default both")
            @RequestParam(required = false) Boolean rectified,
            @ParameterObject FilterParams filters,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @Parameter(description = "caseId | score | ratedAt | rectificationDueAt | rectifiedAt, optionally ,asc or"
                    + " ,desc; default ratedAt,asc")
            @RequestParam(required = false) String sort,
            CurrentUser user) {
        return audit.poorRatings(rectified, CaseFilter.of(filters, user, null, null),
                Paging.of(page, size, sort, AuditQueries.POOR_RATING_SORT, "ratedAt"));
    }

    @Operation(summary = "A case's events in order (only cases handled in your region)")
    @GetMapping("/api/cases/{caseId}/timeline")
    public Timeline timeline(@PathVariable String caseId, CurrentUser user) {
        if (!CASE_ID.matcher(caseId).matches()) {
            throw new BadRequestException("caseId", "case_id", "caseId must be 1-64 characters [A-Za-z0-9_-]");
        }
        return audit.timeline(caseId, user);
    }
}
