package com.xiaoneng.command.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records (quoted cells may hold commas, quotes as "" and line breaks), each with the line it
 * starts on so that errors can point at it. Blank lines are skipped.
 */
final class CsvReader {
    record Record(int line, List<String> cells) {
    }

    static final class MalformedCsvException extends Exception {
        private final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private CsvReader() {
    }

    static List<Record> read(String text) throws MalformedCsvException {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int quotedFrom = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                quotedFrom = line;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                addUnlessBlank(records, recordLine, cells);
                cells = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new MalformedCsvException(quotedFrom, "quoted cell opened on line " + quotedFrom + " is never closed");
        }
        cells.add(cell.toString());
        addUnlessBlank(records, recordLine, cells);
        return records;
    }

    private static void addUnlessBlank(List<Record> records, int line, List<String> cells) {
        if (cells.size() > 1 || !cells.get(0).isBlank()) {
            records.add(new Record(line, List.copyOf(cells)));
        }
    }
}
