package io.taskledger.query.api;

import io.taskledger.api.error.TaskledgerException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** Stands in for the server's problem-details translation, so tests read a refusal as status and code. */
@RestControllerAdvice
class RefusalsAsStatus {

    @ExceptionHandler
    ResponseEntity<Map<String, String>> refused(TaskledgerException refusal) {
        HttpStatus status = switch (refusal.code().kind()) {
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case RULE_VIOLATION -> HttpStatus.CONFLICT;
            case VERSION_MISMATCH -> HttpStatus.PRECONDITION_FAILED;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
        return ResponseEntity.status(status)
                .body(Map.of("code", refusal.code().name(), "detail", refusal.getMessage()));
    }
}
