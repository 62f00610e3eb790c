package com.xiaoneng.command.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Renders catalog errors in the project's error JSON: {status, error, field, rule, message}. */
@RestControllerAdvice(assignableTypes = CatalogController.class)
class CatalogErrors {

    record ErrorBody(int status, String error, String field, String rule, String message) {
    }

    @ExceptionHandler(CatalogValidationException.class)
    ResponseEntity<ErrorBody> invalid(CatalogValidationException e) {
        return body(e.status(), e.field(), e.rule(), e.getMessage());
    }

    /** Malformed JSON or a value of the wrong type; Jackson knows the field in the second case. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return body(HttpStatus.BAD_REQUEST, field, "catalog.invalid-value", invalidValueMessage(field, mapping));
        }
        return body(HttpStatus.BAD_REQUEST, null, "catalog.malformed-body", "the request body is not valid JSON of a guide");
    }

    private static String invalidValueMessage(String field, JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return field + " must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants()) + ", not " + invalid.getValue();
        }
        if (e instanceof InvalidFormatException invalid) {
            return field + " has an invalid value: " + invalid.getValue();
        }
        return field + " has a value of the wrong kind";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> badParameter(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, e.getName(), "catalog.invalid-value",
                e.getName() + " has an invalid value: " + e.getValue());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ErrorBody> missingFile(MissingServletRequestPartException e) {
        return body(HttpStatus.BAD_REQUEST, e.getRequestPartName(), "catalog.required", "the CSV file is missing (multipart part 'file')");
    }

    private static ResponseEntity<ErrorBody> body(HttpStatus status, String field, String rule, String message) {
        return ResponseEntity.status(status).body(new ErrorBody(status.value(), status.getReasonPhrase(), field, rule, message));
    }
}
