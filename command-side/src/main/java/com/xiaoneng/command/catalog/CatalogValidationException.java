package com.xiaoneng.command.catalog;

import org.springframework.http.HttpStatus;

/** A catalog request that cannot be served, rendered by {@link CatalogErrors} as the project's error JSON. */
public class CatalogValidationException extends RuntimeException {
    private final String field;
    private final String rule;
    private final HttpStatus status;

    public CatalogValidationException(String field, String rule, String message, HttpStatus status) {
        super(message);
        this.field = field;
        this.rule = rule;
        this.status = status;
    }

    public CatalogValidationException(Violation violation) {
        this(violation.field(), violation.rule(), violation.message(), HttpStatus.BAD_REQUEST);
    }

    static CatalogValidationException notFound(String code) {
        return new CatalogValidationException("code", "catalog.not-found", "no service item " + code, HttpStatus.NOT_FOUND);
    }

    static CatalogValidationException versionNotFound(String code, int version) {
        return new CatalogValidationException("version", "catalog.version-not-found",
                "service item " + code + " has no version " + version, HttpStatus.NOT_FOUND);
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    public HttpStatus status() {
        return status;
    }
}
