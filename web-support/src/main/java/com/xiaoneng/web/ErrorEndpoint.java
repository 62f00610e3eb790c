package com.xiaoneng.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


/**
 * {@code /error}: what the container forwards to when no controller answered (a request the firewall
 * refused, an error in a filter), in the project's error JSON instead of Spring Boot's default body.
 */
@RestController
public class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        for (Object e = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION); e instanceof Throwable t;
             e = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestLimitsFilter.BodyTooLargeException tooLarge) {
                return FallbackErrors.tooLarge(tooLarge.limit());
            }
        }
        return ApiError.respond(status, null, JsonErrorValve.rule(status.value()), JsonErrorValve.message(status.value()));
    }
}
