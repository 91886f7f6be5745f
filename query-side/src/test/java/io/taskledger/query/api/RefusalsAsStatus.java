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
        HttpStatus status = HttpStatus.valueOf(refusal.code().kind().httpStatus());
        return ResponseEntity.status(status)
                .body(Map.of("code", refusal.code().name(), "detail", refusal.getMessage()));
    }
}
