package com.xiaoneng.query.reports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 4180 CSV in UTF-8 with a byte order mark, so that spreadsheet programs read the Chinese names. */
final class CsvReport {
    private CsvReport() {
    }

    static byte[] render(AssessmentReport report) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        line(csv, List.copyOf(AssessmentReport.COLUMNS));
        for (AssessmentRow row : report.rows()) {
            line(csv, AssessmentReport.cells(row));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder csv, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            Object cell = cells.get(i);
            String text = cell == null ? "" : cell instanceof BigDecimal d ? d.toPlainString() : cell.toString();
            if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            csv.append(text);
        }
        csv.append("\r\n");
    }
}
