package com.xiaoneng.demo.importer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.demo.simulator.CatalogItem;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog a generated history uses, read offline: the command side's sample CSV (what it seeds on first start)
 * or the JSON list of GET /api/catalog/items saved from a running command side.
 */
public final class CatalogFile {
    /** The sample the command side seeds, as seen from the repository root (import.sh runs there). */
    public static final Path SAMPLE = Path.of("command-side", "src", "main", "resources", "catalog", "sample-catalog.csv");

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String HEADER = "code,name,type,legalBasis,agencyCode,agencyName,regionCode,"
            + "statutoryLimitDays,promisedLimitDays,crossRegionScope,feeYuan";

    private CatalogFile() {
    }

    /** A .json file is the API's item list; anything else a CSV with the sample's header. */
    public static List<CatalogItem> read(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".json")) {
            return List.of(JSON.readValue(file.toFile(), CatalogItem[].class));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().replace("\uFEFF", "").equals(HEADER)) {
            throw new IOException(file + " is not a catalog CSV with the header " + HEADER);
        }
        List<CatalogItem> items = new ArrayList<>();
        // the sample has no quoted cells: legal bases use Chinese punctuation
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = lines.get(i).split(",", -1);
            if (c.length != 11) {
                throw new IOException(file + " line " + (i + 1) + ": 11 cells expected, found " + c.length);
            }
            items.add(new CatalogItem(c[0], c[1], ItemType.valueOf(c[2]), c[3], c[4], c[5], c[6],
                    Integer.parseInt(c[7]), Integer.parseInt(c[8]), CrossRegionScope.valueOf(c[9]), new BigDecimal(c[10])));
        }
        return items;
    }
}
