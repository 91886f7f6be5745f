package io.taskledger.infra.web;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.ErrorKind;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.accept.InvalidApiVersionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;


/**
 * The one place where failures become HTTP answers: RFC 9457 problem details with a stable {@code code}, the rule
 * in words in {@code detail}, and never a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final String BEARER_CHALLENGE = "Bearer realm=\"taskledger\"";
    private static final int MAX_RULE_LENGTH = 200;

    @ExceptionHandler(TaskledgerException.class)
    ResponseEntity<ProblemDetail> refused(TaskledgerException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.code().kind().httpStatus());
        if (e instanceof RateLimitedException limited) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        } else if (e.code().kind() == ErrorKind.UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        } else if (e.code().kind() == ErrorKind.UNAUTHENTICATED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        return response.body(problem(Refusal.of(e)));
    }

    /**
     * Every other failure that reaches a controller's caller: no valid credentials, a role that does not allow the
     * request, a project that does not exist, a concurrent change, a database that cannot be reached, or something
     * unexpected (logged, never shown). {@link Refusal} decides the code and the words.
     */
    @ExceptionHandler({AuthenticationException.class, AccessDeniedException.class, CommandExecutionException.class,
            QueryExecutionException.class, AggregateNotFoundException.class, ConflictingModificationException.class,
            DataIntegrityViolationException.class})
    ResponseEntity<ProblemDetail> failed(Exception e) {
        return unexpected(e);
    }

    /**
     * The security filter chain's firewall refused the request before any controller saw it: a URL with {@code //},
     * {@code ..}, {@code ;} or an encoded {@code /}, a method or a header it does not allow. Its message names the rule.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        String rule = String.valueOf(e.getMessage()).replaceFirst("^The request was rejected because ", "");
        if (rule.length() > MAX_RULE_LENGTH) {
            rule = rule.substring(0, MAX_RULE_LENGTH) + "...";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, RefusedRequests.MALFORMED_REQUEST,
                "the request was refused: " + rule));
    }

    /** A version in the path that this server does not serve (docs/api-versioning.md). */
    @ExceptionHandler(InvalidApiVersionException.class)
    ResponseEntity<ProblemDetail> unsupportedVersion(InvalidApiVersionException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "UNSUPPORTED_API_VERSION",
                "API version v" + e.getVersion() + " is not served here; this server serves /api/v"
                        + ApiVersioning.CURRENT + "/... (and /api/..., its alias)"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return badInput(e.getName() + " has an invalid value '" + e.getValue() + "'");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        Refusal refusal = Refusal.of(e);
        if (refusal.unexpected()) {
            log.error("Unexpected failure", e);
        } else if (refusal.code().equals(ErrorCode.DATABASE_UNAVAILABLE.name())) {
            log.warn("Refused a request: the database cannot be reached ({})", e.getMessage());
        }
        if (refusal.status() == 401 || refusal.status() == 503) {
            // the same headers as a refusal thrown as such (WWW-Authenticate, Retry-After)
            return refused(new TaskledgerException(ErrorCode.valueOf(refusal.code()), refusal.detail()));
        }
        return ResponseEntity.status(refusal.status()).body(problem(refusal));
    }

    /** Malformed JSON, a wrong type or an unknown field: name the field, never echo parser internals. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof TaskledgerException tooLarge) {  // the body passed its bound while being read
                return ResponseEntity.status(tooLarge.code().kind().httpStatus()).body(refused(tooLarge).getBody());
            }
        }
        String detail = "the request body is not valid JSON for this endpoint";
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + fieldPath(unknown) + "'";
        } else if (e.getCause() instanceof InvalidFormatException invalid) {
            detail = fieldPath(invalid) + " has an invalid value '" + invalid.getValue() + "'";
        } else if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            detail = fieldPath(jackson) + " is malformed";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.name(),
                detail));
    }

    /** No route: the same words whatever Spring MVC looked for. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND,
                RefusedRequests.NOT_FOUND, RefusedRequests.containerDetail(404, null, null)));
    }

    /** Spring MVC's own errors (404, 405, 415, missing parameters...) get a code too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("code", codeFor(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<ProblemDetail> badInput(String detail) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.name(),
                detail));
    }

    private static ProblemDetail problem(Refusal refusal) {
        ProblemDetail problem = problem(HttpStatusCode.valueOf(refusal.status()), refusal.code(), refusal.detail());
        if (!refusal.violations().isEmpty()) {
            problem.setProperty("violations", refusal.violations());
        }
        return problem;
    }

    static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemJson.type(code));
        problem.setProperty("code", code);
        return problem;
    }


    private static String codeFor(HttpStatusCode status) {
        if (status.value() == 404 || status.value() == 405 || status.is5xxServerError()) {
            return RefusedRequests.codeFor(status.value());
        }
        return ErrorCode.INVALID_INPUT.name();
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
