package com.xiaoneng.command.cases;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import com.xiaoneng.command.security.CaseAccess;
import com.xiaoneng.web.ApiError;
import com.xiaoneng.web.FallbackErrors;


/** Every refusal as JSON naming the field or the rule; the command stored nothing. */
@RestControllerAdvice(assignableTypes = CaseController.class)
public class CaseApiErrors {

    @ExceptionHandler(CaseException.class)
    ResponseEntity<ApiError> rule(CaseException e) {
        return body(HttpStatus.valueOf(e.status()), e.field(), e.rule(), e.getMessage());
    }

    @ExceptionHandler({AggregateNotFoundException.class, CaseHistory.UnknownCaseException.class})
    ResponseEntity<ApiError> unknown(RuntimeException e) {
        return body(HttpStatus.NOT_FOUND, null, "case.unknown", e.getMessage());
    }

    @ExceptionHandler(CaseAccess.ForbiddenRegionException.class)
    ResponseEntity<ApiError> forbidden(CaseAccess.ForbiddenRegionException e) {
        return body(HttpStatus.FORBIDDEN, "handlingRegion", "auth.region", e.getMessage());
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ApiError> exists(AggregateStreamCreationException e) {
        return body(HttpStatus.CONFLICT, "caseId", "case.exists", "a case with this caseId already exists");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ApiError> concurrent(ConcurrencyException e) {
        return body(HttpStatus.CONFLICT, null, "case.concurrent-update", "the case changed meanwhile; retry");
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ApiError> wrapped(CommandExecutionException e) {
        if (e.getCause() instanceof CaseException cause) {
            return rule(cause);
        }
        throw e;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return FallbackErrors.unreadable(e);
    }

    private static ResponseEntity<ApiError> body(HttpStatus status, String field, String rule, String message) {
        return ApiError.respond(status, field, rule, message);
    }
}
