package com.xiaoneng.command.importing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer to one import: every line is counted once, as applied, duplicate (its key was imported
 * before: nothing stored) or rejected (listed with the rule or field it broke; nothing stored).
 *
 * @param automaticSteps      automatic steps (deadlines) decided for the cases the import touched
 * @param rejectionsNotListed rejected lines past the first {@code xiaoneng.import.listed-rejections}, counted only
 */
public record ImportReport(long lines, long applied, long duplicates, long rejected, long automaticSteps,
                           List<Rejection> rejections, long rejectionsNotListed) {

    /** A refused line: its number (1 = the first line), case, HTTP-like status and the rule and field it broke. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(long line, String caseId, int status, String rule, String field, String message) {
    }
}
