package com.xiaoneng.command.importing;

import com.xiaoneng.command.catalog.ServiceCatalog;
import com.xiaoneng.command.catalog.ServiceGuide;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog as one import sees it: each item's current guide is read when the import first needs it, not
 * once per line (a guide changed during the import applies to the next import).
 */
final class ImportCatalog implements ServiceCatalog {
    private final ServiceCatalog catalog;
    private final Map<String, Optional<ServiceGuide>> current = new HashMap<>();

    ImportCatalog(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<ServiceGuide> current(String code) {
        return current.computeIfAbsent(code, catalog::current);
    }

    @Override
    public Optional<ServiceGuide> version(String code, int version) {
        return catalog.version(code, version);
    }
}
