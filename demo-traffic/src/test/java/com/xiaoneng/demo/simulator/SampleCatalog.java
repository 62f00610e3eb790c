package com.xiaoneng.demo.simulator;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.demo.importer.CatalogFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command side's sample catalog read from the repository, as GET /api/catalog/items would list it. */
final class SampleCatalog {
    private SampleCatalog() {
    }

    static List<CatalogItem> items() {
        try {
            return CatalogFile.read(Path.of("..").resolve(CatalogFile.SAMPLE));
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
