package com.xiaoneng.command.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;

/** Fills an empty catalog with the sample list, so a fresh demo or test database has items to apply for. */
@Component
@ConditionalOnProperty(name = "xiaoneng.catalog.seed-sample", havingValue = "true", matchIfMissing = true)
class SampleCatalogSeeder implements ApplicationRunner {
    static final String SAMPLE = "catalog/sample-catalog.csv";
    private static final Logger LOG = LoggerFactory.getLogger(SampleCatalogSeeder.class);

    private final JdbcServiceCatalog catalog;
    private final CatalogImport catalogImport;

    SampleCatalogSeeder(JdbcServiceCatalog catalog, CatalogImport catalogImport) {
        this.catalog = catalog;
        this.catalogImport = catalogImport;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!catalog.isEmpty()) {
            return;
        }
        byte[] csv;
        try (InputStream in = new ClassPathResource(SAMPLE).getInputStream()) {
            csv = in.readAllBytes();
        }
        ImportReport report = catalogImport.importCsv(csv);
        if (!report.rejected().isEmpty()) {
            throw new IllegalStateException("the sample catalog " + SAMPLE + " is invalid: " + report.rejected());
        }
        LOG.info("Seeded the empty catalog with {} sample items", report.created());
    }
}
