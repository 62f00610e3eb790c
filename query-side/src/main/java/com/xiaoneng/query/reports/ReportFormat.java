package com.xiaoneng.query.reports;

import com.xiaoneng.query.web.BadRequestException;

/** Export formats with their media type and file extension. */
public enum ReportFormat {
    JSON("application/json", "json"),
    CSV("text/csv;charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    static ReportFormat parse(String value) {
        for (ReportFormat format : values()) {
            if (format.extension.equals(value == null ? "json" : value)) {
                return format;
            }
        }
        throw new BadRequestException("format", "one_of", "format must be json, csv, xlsx or pdf, was '" + value + "'");
    }
}
