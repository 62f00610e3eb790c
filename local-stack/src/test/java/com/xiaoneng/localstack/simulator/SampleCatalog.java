package com.xiaoneng.localstack.simulator;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command side's sample catalog read from the repository, as GET /api/catalog/items would list it. */
final class SampleCatalog {
    static final Path CSV = Path.of("..", "command-side", "src", "main", "resources", "catalog", "sample-catalog.csv");

    private SampleCatalog() {
    }

    static List<CatalogItem> items() {
        try {
            List<String> lines = Files.readAllLines(CSV);
            List<CatalogItem> items = new ArrayList<>();
            // the sample has no quoted cells: legal bases use Chinese punctuation
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",", -1);
                items.add(new CatalogItem(c[0], c[1], ItemType.valueOf(c[2]), c[3], c[4], c[5], c[6],
                        Integer.parseInt(c[7]), Integer.parseInt(c[8]), CrossRegionScope.valueOf(c[9]), new BigDecimal(c[10])));
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample plus the clones the simulator adds by default. */
    static List<CatalogItem> extended() {
        List<CatalogItem> items = new ArrayList<>(items());
        items.addAll(CatalogItem.missingClones(items));
        return items;
    }

    static Planner planner() {
        return new Planner(extended(), Profile.DEFAULT, WorkingDayCalendar.shipped());
    }
}
