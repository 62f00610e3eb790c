package com.xiaoneng.command.catalog;

import com.xiaoneng.command.catalog.JdbcServiceCatalog.Outcome;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk import of a catalog CSV ({@link CatalogCsv}). All or nothing: a file with any bad line writes
 * nothing and the report lists every problem with its line number. A half-applied file would leave the
 * published list in a state nobody reviewed, and fixing and re-sending the whole file is cheap because
 * rows equal to the current version do not make new versions.
 */
@Service
public class CatalogImport {
    private final JdbcServiceCatalog catalog;

    public CatalogImport(JdbcServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @Transactional
    public ImportReport importCsv(byte[] csv) {
        CatalogCsv.Parsed parsed = CatalogCsv.parse(csv);
        if (!parsed.rejections().isEmpty()) {
            return ImportReport.rejected(parsed.rejections());
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        // a fixed lock order, so two imports touching the same items cannot deadlock
        List<CatalogCsv.Row> rows = parsed.rows().stream().sorted(Comparator.comparing(CatalogCsv.Row::code)).toList();
        for (CatalogCsv.Row row : rows) {
            counts.merge(catalog.save(row.code(), row.terms()).outcome(), 1, Integer::sum);
        }
        return new ImportReport(counts.getOrDefault(Outcome.CREATED, 0), counts.getOrDefault(Outcome.UPDATED, 0),
                counts.getOrDefault(Outcome.UNCHANGED, 0), List.of());
    }
}
