package com.xiaoneng.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.xiaoneng.events.Bounds;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors raised before a controller is chosen (wrong method, media type, unknown path, a body too large or
 * unreadable), in the same JSON shape as the feature controllers' own errors. Messages are written here,
 * never taken from the framework's exceptions: those name Java types and may quote SQL.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class FallbackErrors {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackErrors.class);

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, null, "http.method", "this path does not take " + e.getMethod());
    }

    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, InvalidMediaTypeException.class})
    ResponseEntity<Map<String, Object>> mediaType(Exception e) {
        return unsupportedMediaType();
    }

    static ResponseEntity<Map<String, Object>> unsupportedMediaType() {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "http.media-type",
                "send the body as application/json (the import: application/x-ndjson, the catalog: text/csv)");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return body(HttpStatus.NOT_ACCEPTABLE, "Accept", "http.not-acceptable", "answers are application/json");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, null, "http.not-found", "no such endpoint");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, e.getParameterName(), "field.required", e.getParameterName() + " is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e) {
        return body(HttpStatus.BAD_REQUEST, e.getHeaderName(), "field.required", e.getHeaderName() + " is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, e.getName(), "field.format", "invalid value for " + e.getName());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public static ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            Bounds.Violation violation = StrictJson.describe(json);
            return body(HttpStatus.BAD_REQUEST, violation.field(), violation.rule(), violation.message());
        }
        if (e.getCause() instanceof IOException) {
            return body(HttpStatus.BAD_REQUEST, null, "body.unreadable", "the request body could not be read");
        }
        return body(HttpStatus.BAD_REQUEST, null, "body.required", "the request needs a JSON body");
    }

    @ExceptionHandler(RequestLimitsFilter.BodyTooLargeException.class)
    ResponseEntity<Map<String, Object>> bodyTooLarge(RequestLimitsFilter.BodyTooLargeException e) {
        return tooLarge(e.limit());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> uploadTooLarge(MaxUploadSizeExceededException e) {
        return tooLarge(e.getMaxUploadSize());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> multipart(MultipartException e) {
        return body(HttpStatus.BAD_REQUEST, null, "body.unreadable", "the multipart body could not be read");
    }

    /** Anything else is our fault, not the client's: a 500 that says nothing of the inside (the log has it). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) throws Exception {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestLimitsFilter.BodyTooLargeException tooLarge) {
                return tooLarge(tooLarge.limit());
            }
        }
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // Spring Security's own handlers answer these
        }
        LOG.error("unexpected error", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, null, "server.error", "the server failed; nothing was stored");
    }

    static ResponseEntity<Map<String, Object>> tooLarge(long limit) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, null, "body.too-large", "the request body is larger than " + limit
                + " bytes");
    }

    public static ResponseEntity<Map<String, Object>> body(HttpStatus status, String field, String rule, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        if (field != null) {
            body.put("field", field);
        }
        body.put("rule", rule);
        body.put("message", message);
        return ResponseEntity.status(status).body(body);
    }

    /** For filters, which answer before Spring MVC. */
    static void write(HttpServletResponse response, ResponseEntity<Map<String, Object>> entity) throws IOException {
        response.setStatus(entity.getStatusCode().value());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(com.xiaoneng.events.EventJson.mapper().writeValueAsString(entity.getBody()));
    }
}
