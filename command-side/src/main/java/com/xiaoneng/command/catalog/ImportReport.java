package com.xiaoneng.command.catalog;

import java.util.List;

/** Outcome of a CSV import; when anything is rejected nothing was written and the counts are 0. */
public record ImportReport(int created, int updated, int unchanged, List<Rejection> rejected) {

    /** One problem of the file: the line it is on (1 = header), the row's code when known, and what is wrong. */
    public record Rejection(int line, String code, String field, String rule, String message) {
    }

    static ImportReport rejected(List<Rejection> rejections) {
        return new ImportReport(0, 0, 0, List.copyOf(rejections));
    }
}
