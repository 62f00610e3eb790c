package com.xiaoneng.command.catalog;

import com.xiaoneng.command.catalog.ImportReport.Rejection;
import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The import format: UTF-8 (a BOM is allowed, as Excel writes one), a header row naming the columns
 * below in any order, one item per row. Reading collects every problem of every line instead of
 * stopping at the first, so one round trip fixes a file.
 */
final class CatalogCsv {
    static final List<String> COLUMNS = List.of("code", "name", "type", "legalBasis", "agencyCode", "agencyName",
            "regionCode", "statutoryLimitDays", "promisedLimitDays", "crossRegionScope", "feeYuan");

    record Row(int line, String code, GuideTerms terms) {
    }

    record Parsed(List<Row> rows, List<Rejection> rejections) {
    }

    private CatalogCsv() {
    }

    static Parsed parse(byte[] bytes) {
        List<Rejection> rejections = new ArrayList<>();
        String text = decode(bytes, rejections);
        if (text == null) {
            return new Parsed(List.of(), rejections);
        }
        List<CsvReader.Record> records;
        try {
            records = CsvReader.read(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CsvReader.MalformedCsvException e) {
            return new Parsed(List.of(), List.of(new Rejection(e.line(), null, null, "catalog.csv-malformed", e.getMessage())));
        }
        if (records.isEmpty()) {
            return new Parsed(List.of(), List.of(new Rejection(1, null, null, "catalog.csv-empty", "the file has no header row")));
        }
        CsvReader.Record header = records.get(0);
        Map<String, Integer> index = columnIndex(header, rejections);
        if (!rejections.isEmpty()) {
            return new Parsed(List.of(), rejections);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> firstLineOfCode = new HashMap<>();
        for (CsvReader.Record record : records.subList(1, records.size())) {
            if (record.cells().size() != header.cells().size()) {
                rejections.add(new Rejection(record.line(), null, null, "catalog.csv-column-count",
                        "expected " + header.cells().size() + " cells, found " + record.cells().size()));
                continue;
            }
            RowReader reader = new RowReader(record, index);
            String code = reader.text("code");
            GuideInput input = reader.input();
            List<Violation> violations = GuideRules.check(code, input, reader.unparsable);
            reader.problems.addAll(violations);
            Integer earlier = code == null ? null : firstLineOfCode.putIfAbsent(code, record.line());
            if (earlier != null) {
                reader.problems.add(new Violation("code", "catalog.csv-duplicate-code", "code " + code + " is already on line " + earlier));
            }
            if (reader.problems.isEmpty()) {
                rows.add(new Row(record.line(), code, GuideRules.terms(input)));
            } else {
                reader.problems.forEach(v -> rejections.add(new Rejection(record.line(), code, v.field(), v.rule(), v.message())));
            }
        }
        return new Parsed(rows, rejections);
    }

    /** Strict UTF-8: a GBK file decoded leniently would store mojibake, so name the line instead. */
    private static String decode(byte[] bytes, List<Rejection> rejections) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            rejections.add(new Rejection(line, null, null, "catalog.csv-encoding", "the file is not valid UTF-8 (save it as CSV UTF-8)"));
            return null;
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static Map<String, Integer> columnIndex(CsvReader.Record header, List<Rejection> rejections) {
        Map<String, String> known = new HashMap<>();
        COLUMNS.forEach(column -> known.put(column.toLowerCase(Locale.ROOT), column));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i).strip();
            String column = known.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                rejections.add(new Rejection(header.line(), null, name, "catalog.csv-unknown-column",
                        "unknown column '" + name + "'; the columns are " + String.join(",", COLUMNS)));
            } else if (index.putIfAbsent(column, i) != null) {
                rejections.add(new Rejection(header.line(), null, column, "catalog.csv-duplicate-column", "column " + column + " appears twice"));
            }
        }
        COLUMNS.stream().filter(column -> !index.containsKey(column)).forEach(column ->
                rejections.add(new Rejection(header.line(), null, column, "catalog.csv-missing-column", "the header lacks column " + column)));
        return index;
    }

    /** Converts the cells of one row, noting cells that are not numbers or enum values. */
    private static final class RowReader {
        private final CsvReader.Record record;
        private final Map<String, Integer> index;
        private final List<Violation> problems = new ArrayList<>();
        private final Set<String> unparsable = new HashSet<>();

        RowReader(CsvReader.Record record, Map<String, Integer> index) {
            this.record = record;
            this.index = index;
        }

        GuideInput input() {
            return new GuideInput(text("name"), itemType(), text("legalBasis"), text("agencyCode"), text("agencyName"),
                    text("regionCode"), number("statutoryLimitDays", Integer::valueOf), number("promisedLimitDays", Integer::valueOf),
                    scope(), number("feeYuan", BigDecimal::new));
        }

        String text(String column) {
            String cell = record.cells().get(index.get(column)).strip();
            return cell.isEmpty() ? null : cell;
        }

        private ItemType itemType() {
            return parse("type", ItemType::valueOf, "one of " + Arrays.toString(ItemType.values()));
        }

        private CrossRegionScope scope() {
            return parse("crossRegionScope", CrossRegionScope::valueOf, "one of " + Arrays.toString(CrossRegionScope.values()));
        }

        private <T> T number(String column, Function<String, T> parser) {
            return parse(column, parser, "a number");
        }

        private <T> T parse(String column, Function<String, T> parser, String expected) {
            String cell = text(column);
            if (cell == null) {
                return null;
            }
            try {
                return parser.apply(cell);
            } catch (IllegalArgumentException e) {
                problems.add(new Violation(column, "catalog.invalid-value", column + " must be " + expected + ", not '" + cell + "'"));
                unparsable.add(column);
                return null;
            }
        }
    }
}
