package com.xiaoneng.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.EventJson;
import com.xiaoneng.events.StrictJson;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors raised before or around a controller (wrong method, media type, unknown path, a parameter or body
 * that cannot be read, a body too large), in the same JSON as the features' own errors. The apps' own
 * advices come first; this one is registered last and ordered lowest.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class FallbackErrors {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackErrors.class);

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ApiError.respond(HttpStatus.METHOD_NOT_ALLOWED, null, "http.method", "this path does not take " + e.getMethod());
    }

    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, InvalidMediaTypeException.class})
    ResponseEntity<ApiError> mediaType(Exception e) {
        return unsupportedMediaType();
    }

    static ResponseEntity<ApiError> unsupportedMediaType() {
        return ApiError.respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "http.media-type",
                "send a body as application/json (the import: application/x-ndjson, the catalog: text/csv)");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ApiError.respond(HttpStatus.NOT_ACCEPTABLE, "Accept", "http.not-acceptable",
                "this endpoint cannot answer in the media type asked for");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
        return ApiError.respond(HttpStatus.NOT_FOUND, null, "http.not-found", "no such path");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return ApiError.respond(HttpStatus.BAD_REQUEST, e.getParameterName(), "field.required",
                e.getParameterName() + " is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return ApiError.respond(HttpStatus.BAD_REQUEST, e.getHeaderName(), "field.required", e.getHeaderName() + " is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ApiError.respond(HttpStatus.BAD_REQUEST, e.getName(), "field.format", "invalid value for " + e.getName());
    }

    /** Binding of query parameters into records (e.g. a date that is not yyyy-MM-dd). */
    @ExceptionHandler(BindException.class)
    ResponseEntity<ApiError> binding(BindException e) {
        FieldError error = e.getFieldError();
        String field = error == null ? null : error.getField();
        return ApiError.respond(HttpStatus.BAD_REQUEST, field, "field.format",
                field == null ? "a parameter could not be read" : "invalid value for " + field);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public static ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            Bounds.Violation violation = StrictJson.describe(json);
            return ApiError.respond(HttpStatus.BAD_REQUEST, violation.field(), violation.rule(), violation.message());
        }
        if (e.getCause() instanceof IOException) {
            return ApiError.respond(HttpStatus.BAD_REQUEST, null, "body.unreadable", "the request body could not be read");
        }
        return ApiError.respond(HttpStatus.BAD_REQUEST, null, "body.required", "the request needs a JSON body");
    }

    @ExceptionHandler(RequestLimitsFilter.BodyTooLargeException.class)
    ResponseEntity<ApiError> bodyTooLarge(RequestLimitsFilter.BodyTooLargeException e) {
        return tooLarge(e.limit());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> uploadTooLarge(MaxUploadSizeExceededException e) {
        return tooLarge(e.getMaxUploadSize());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> multipart(MultipartException e) {
        return ApiError.respond(HttpStatus.BAD_REQUEST, null, "body.unreadable", "the multipart body could not be read");
    }

    /** Anything else is our fault, not the client's: a 500 that says nothing of the inside (the log has it). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) throws Exception {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestLimitsFilter.BodyTooLargeException tooLarge) {
                return tooLarge(tooLarge.limit());
            }
        }
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // Spring Security's own handlers answer these
        }
        LOG.error("unexpected error", e);
        return serverError();
    }

    public static ResponseEntity<ApiError> serverError() {
        return ApiError.respond(HttpStatus.INTERNAL_SERVER_ERROR, null, "server.error", "the server failed; nothing was stored");
    }

    static ResponseEntity<ApiError> tooLarge(long limit) {
        return ApiError.respond(HttpStatus.PAYLOAD_TOO_LARGE, null, "body.too-large",
                "the request body is larger than " + limit + " bytes");
    }

    /** For filters, which answer before Spring MVC. */
    static void write(HttpServletResponse response, ResponseEntity<ApiError> entity) throws IOException {
        response.setStatus(entity.getStatusCode().value());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(EventJson.mapper().writeValueAsString(entity.getBody()));
    }
}
