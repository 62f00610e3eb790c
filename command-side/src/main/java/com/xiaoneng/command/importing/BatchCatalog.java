package com.xiaoneng.command.importing;

import com.xiaoneng.command.catalog.ServiceCatalog;
import com.xiaoneng.command.catalog.ServiceGuide;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The catalog as one import batch sees it: each item's current guide is read once per batch, not once per line. */
final class BatchCatalog implements ServiceCatalog {
    private final ServiceCatalog catalog;
    private final Map<String, Optional<ServiceGuide>> current = new HashMap<>();

    BatchCatalog(ServiceCatalog catalog) {
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
