package com.xiaoneng.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The one error body of both apps: {"status":400,"error":"Bad Request","field":"from","rule":"...","message":"..."}.
 * Messages are the project's own words, never a framework's exception text (which names Java types, may quote SQL).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String field, String rule, String message) {
    public static ApiError of(HttpStatus status, String field, String rule, String message) {
        return new ApiError(status.value(), status.getReasonPhrase(), field, rule, message);
    }

    public static ResponseEntity<ApiError> respond(HttpStatus status, String field, String rule, String message) {
        return ResponseEntity.status(status).body(of(status, field, rule, message));
    }
}
