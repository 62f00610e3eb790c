package com.xiaoneng.query.web;

import com.xiaoneng.query.security.RegionOutsideScopeException;
import com.xiaoneng.web.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The query side's own refusals as {@link ApiError}; the rest (framework, unexpected) is web-support's FallbackErrors. */
@RestControllerAdvice
public class ErrorHandler {

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ApiError> badRequest(BadRequestException e) {
        return ApiError.respond(HttpStatus.BAD_REQUEST, e.field(), e.rule(), e.getMessage());
    }

    @ExceptionHandler(RegionOutsideScopeException.class)
    ResponseEntity<ApiError> outsideScope(RegionOutsideScopeException e) {
        return ApiError.respond(HttpStatus.FORBIDDEN, "region", "in_scope", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return ApiError.respond(HttpStatus.FORBIDDEN, null, "auth.role", "your role does not allow this");
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return ApiError.respond(HttpStatus.NOT_FOUND, "caseId", "case.unknown", e.getMessage());
    }
}
