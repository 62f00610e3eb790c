package com.xiaoneng.query.web;

import com.xiaoneng.query.security.RegionOutsideScopeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error as a JSON {@link ApiError}. */
@RestControllerAdvice
public class ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ApiError> badRequest(BadRequestException e) {
        return respond(HttpStatus.BAD_REQUEST, e.field(), e.rule(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(HttpStatus.BAD_REQUEST, e.getName(), "format",
                "cannot read '" + e.getValue() + "' as " + e.getRequiredType().getSimpleName());
    }

    /** Binding of the parameter records (e.g. a date that is not yyyy-MM-dd). */
    @ExceptionHandler(BindException.class)
    ResponseEntity<ApiError> binding(BindException e) {
        FieldError error = e.getFieldError();
        if (error == null) {
            return respond(HttpStatus.BAD_REQUEST, null, "format", e.getMessage());
        }
        return respond(HttpStatus.BAD_REQUEST, error.getField(), "format",
                "cannot read '" + error.getRejectedValue() + "' for " + error.getField());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, e.getParameterName(), "required", e.getParameterName() + " is required");
    }

    @ExceptionHandler(RegionOutsideScopeException.class)
    ResponseEntity<ApiError> outsideScope(RegionOutsideScopeException e) {
        return respond(HttpStatus.FORBIDDEN, "region", "in_scope", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, null, null, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return respond(HttpStatus.NOT_FOUND, null, null, e.getMessage());
    }

    /** An unknown path, API or static file: 404, not the catch-all 500 below. */
    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, null, null, "no such path: /" + e.getResourcePath());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        LOG.error("request failed", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, null, null, "internal error; see the query-side log");
    }

    private static ResponseEntity<ApiError> respond(HttpStatus status, String field, String rule, String message) {
        return ResponseEntity.status(status).body(ApiError.of(status, field, rule, message));
    }
}
