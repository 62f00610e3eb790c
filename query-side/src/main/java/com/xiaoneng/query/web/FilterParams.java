package com.xiaoneng.query.web;

import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/** The common case filters as they come in the query string; {@link CaseFilter#of} validates them. */
public record FilterParams(
        @Parameter(description = "first local day, inclusive (yyyy-MM-dd)")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @Parameter(description = "last local day, inclusive (yyyy-MM-dd); at most 5 years after from")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        @Parameter(description = "6-digit handling region; a prefecture or province code includes its subtree;"
                + " default: your own region") String region,
        @Parameter(description = "agency code") String agency,
        @Parameter(description = "service item code") String itemCode,
        @Parameter(description = "ONLINE | HALL | MOBILE | SELF_SERVICE") String channel) {
}
