package com.xiaoneng.query.reports;

import com.xiaoneng.query.metrics.GroupBy;
import com.xiaoneng.query.security.CurrentUser;
import com.xiaoneng.query.web.BadRequestException;
import com.xiaoneng.query.web.Page;
import com.xiaoneng.query.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/** Assessment reports for SUPERVISOR and ADMIN; every export is logged, and ADMIN lists the log. */
@RestController
public class ReportsController {
    private final AssessmentService assessment;
    private final PdfReport pdf;
    private final ExportLog log;

    ReportsController(AssessmentService assessment, PdfReport pdf, ExportLog log) {
        this.assessment = assessment;
        this.pdf = pdf;
        this.log = log;
    }

    @Operation(summary = "Assessment scoreboard of a period per prefecture or agency, as JSON, CSV, XLSX or PDF")
    @GetMapping("/api/reports/assessment")
    public ResponseEntity<?> assessment(
            @Parameter(description = "2025 | 2025-Q3 | 2025-07", required = true) @RequestParam(required = false) String period,
            @Parameter(description = "prefecture | agency; default prefecture") @RequestParam(required = false) String groupBy,
            @Parameter(description = "json | csv | xlsx | pdf; default json") @RequestParam(required = false) String format,
            @Parameter(description = "6-digit region; default your own") @RequestParam(required = false) String region,
            CurrentUser user) {
        ReportPeriod reportPeriod = ReportPeriod.parse(period);
        GroupBy unit = groupBy == null ? GroupBy.PREFECTURE : GroupBy.parse(groupBy);
        if (unit != GroupBy.PREFECTURE && unit != GroupBy.AGENCY) {
            throw new BadRequestException("groupBy", "one_of", "groupBy must be prefecture or agency, was '" + groupBy + "'");
        }
        ReportFormat reportFormat = ReportFormat.parse(format);
        AssessmentReport report = assessment.assess(reportPeriod, unit, region, user);
        Object body = switch (reportFormat) {
            case JSON -> report;
            case CSV -> CsvReport.render(report);
            case XLSX -> XlsxReport.render(report);
            case PDF -> pdf.render(report);
        };
        log.record(new ExportRecord(report.generatedAt(), user.name(), user.region(), "assessment",
                reportFormat.extension(), report.period(), report.groupBy(), report.scope(), report.rows().size()));
        String file = "assessment-" + report.period() + "-" + report.scope() + "-" + report.groupBy() + "."
                + reportFormat.extension();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(reportFormat.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (reportFormat == ReportFormat.JSON
                        ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(file, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    @Operation(summary = "The export audit log (ADMIN): who exported which report when")
    @GetMapping("/api/reports/exports")
    public Page<ExportRecord> exports(@RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size,
                                      @Parameter(description = "exportedAt | username, optionally ,asc or ,desc;"
                                              + " default exportedAt,desc")
                                      @RequestParam(required = false) String sort,
                                      CurrentUser user) {
        return log.list(user, Paging.of(page, size, sort, ExportLog.SORT, "exportedAt,desc"));
    }
}
