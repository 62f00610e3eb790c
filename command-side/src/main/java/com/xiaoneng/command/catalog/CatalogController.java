package com.xiaoneng.command.catalog;

import com.xiaoneng.events.ItemType;
import com.xiaoneng.regions.Regions;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/** The item list over HTTP (事项清单 / 办事指南). */
@RestController
@RequestMapping("/api/catalog")
class CatalogController {
    private final JdbcServiceCatalog catalog;
    private final CatalogImport catalogImport;

    CatalogController(JdbcServiceCatalog catalog, CatalogImport catalogImport) {
        this.catalog = catalog;
        this.catalogImport = catalogImport;
    }

    /** 201 with the first version, 200 with a new or (when nothing changed) the current one. */
    @PutMapping("/items/{code}")
    ResponseEntity<ServiceGuide> put(@PathVariable String code, @RequestBody GuideInput input) {
        JdbcServiceCatalog.Saved saved = catalog.save(code, GuideRules.validated(code, input));
        return saved.outcome() == JdbcServiceCatalog.Outcome.CREATED
                ? ResponseEntity.created(URI.create("/api/catalog/items/" + code)).body(saved.guide())
                : ResponseEntity.ok(saved.guide());
    }

    @GetMapping("/items")
    List<ServiceGuide> list(@RequestParam(required = false) String agencyCode,
                            @RequestParam(required = false) String regionCode,
                            @RequestParam(required = false) ItemType type) {
        JdbcServiceCatalog.Filter filter = new JdbcServiceCatalog.Filter(agencyCode, regionCode, type);
        if (filter.regionCode() != null && !Regions.isValidCode(filter.regionCode())) {
            throw new CatalogValidationException(new Violation("regionCode", "catalog.region-code-invalid",
                    "regionCode must be a 6-digit GB/T 2260 code, not " + filter.regionCode()));
        }
        return catalog.list(filter);
    }

    @GetMapping("/items/{code}")
    ServiceGuide get(@PathVariable String code, @RequestParam(required = false) Integer version) {
        if (version == null) {
            return catalog.current(code).orElseThrow(() -> CatalogValidationException.notFound(code));
        }
        return catalog.version(code, version).orElseThrow(() -> catalog.current(code).isPresent()
                ? CatalogValidationException.versionNotFound(code, version)
                : CatalogValidationException.notFound(code));
    }

    @GetMapping("/items/{code}/versions")
    List<ServiceGuide> versions(@PathVariable String code) {
        List<ServiceGuide> versions = catalog.versions(code);
        if (versions.isEmpty()) {
            throw CatalogValidationException.notFound(code);
        }
        return versions;
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport> importFile(@RequestPart("file") MultipartFile file) throws IOException {
        return reply(catalogImport.importCsv(file.getBytes()));
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<ImportReport> importBody(@RequestBody(required = false) byte[] csv) {
        // an empty body is an empty file, reported like any other bad file
        return reply(catalogImport.importCsv(csv == null ? new byte[0] : csv));
    }

    private static ResponseEntity<ImportReport> reply(ImportReport report) {
        return report.rejected().isEmpty() ? ResponseEntity.ok(report) : ResponseEntity.badRequest().body(report);
    }
}
