package io.taskledger.infra.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container sends an error raised outside Spring MVC (a method it refuses such as TRACE, a failure
 * in a filter): a problem detail with the status's code, in place of Spring Boot's own error body.
 */
@Hidden
@RestController
class ErrorPathController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        String detail = RefusedRequests.containerDetail(status,
                (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE),
                (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetailsAdvice.problem(HttpStatusCode.valueOf(status), RefusedRequests.codeFor(status),
                        detail));
    }
}
