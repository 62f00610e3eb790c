package com.xiaoneng.command.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.StrictJson;
import com.xiaoneng.web.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Renders catalog errors in the project's error JSON: {status, error, field, rule, message}. */
@RestControllerAdvice(assignableTypes = CatalogController.class)
class CatalogErrors {

    @ExceptionHandler(CatalogValidationException.class)
    ResponseEntity<ApiError> invalid(CatalogValidationException e) {
        return body(e.status(), e.field(), e.rule(), e.getMessage());
    }

    /** Malformed JSON or a value of the wrong type; the strict reader names the field and the rule. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            Bounds.Violation violation = StrictJson.describe(json);
            String rule = switch (violation.rule()) {
                case "field.format" -> "catalog.invalid-value";
                case "body.unreadable" -> "catalog.malformed-body";
                default -> violation.rule();
            };
            return body(HttpStatus.BAD_REQUEST, violation.field(), rule, violation.message());
        }
        return body(HttpStatus.BAD_REQUEST, null, "catalog.malformed-body", "the request body is not valid JSON of a guide");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, e.getName(), "catalog.invalid-value",
                e.getName() + " has an invalid value");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingFile(MissingServletRequestPartException e) {
        return body(HttpStatus.BAD_REQUEST, e.getRequestPartName(), "catalog.required", "the CSV file is missing (multipart part 'file')");
    }

    private static ResponseEntity<ApiError> body(HttpStatus status, String field, String rule, String message) {
        return ApiError.respond(status, field, rule, message);
    }
}
