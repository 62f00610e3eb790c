package com.xiaoneng.command.catalog;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalog as one bulk job (an import) sees it: each item's current guide is read when the job first
 * needs it, not once per command (a guide changed meanwhile applies to the next job). The case commands
 * handled within a unit of work the job {@link #useWithin marks} read through it.
 */
public final class CatalogSnapshot {
    private static final String KEY = CatalogSnapshot.class.getName();

    private final Map<String, Optional<ServiceGuide>> current = new HashMap<>();

    /** Commands handled within this unit of work, and the ones nested in it, read current guides from here. */
    public void useWithin(UnitOfWork<?> unitOfWork) {
        unitOfWork.root().resources().put(KEY, this);
    }

    /** The current guide of {@code code}: from the snapshot in force, else read now. */
    static Optional<ServiceGuide> current(String code, Function<String, Optional<ServiceGuide>> read) {
        CatalogSnapshot snapshot = CurrentUnitOfWork.isStarted()
                ? (CatalogSnapshot) CurrentUnitOfWork.get().root().resources().get(KEY) : null;
        return snapshot == null ? read.apply(code) : snapshot.current.computeIfAbsent(code, read);
    }
}
