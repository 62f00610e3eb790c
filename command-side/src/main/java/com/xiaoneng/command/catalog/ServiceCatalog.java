package com.xiaoneng.command.catalog;

import java.util.Optional;

/** The item list as cases see it: the version in force now, or a given one. */
public interface ServiceCatalog {
    Optional<ServiceGuide> current(String code);

    Optional<ServiceGuide> version(String code, int version);
}
