package com.xiaoneng.query.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;

/** Error body: {"status":400,"error":"Bad Request","field":"from","rule":"...","message":"..."}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String field, String rule, String message) {
    public static ApiError of(HttpStatus status, String field, String rule, String message) {
        return new ApiError(status.value(), status.getReasonPhrase(), field, rule, message);
    }
}
