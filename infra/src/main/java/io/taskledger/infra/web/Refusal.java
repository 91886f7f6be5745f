package io.taskledger.infra.web;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.ErrorKind;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.command.accounts.CredentialStore;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * What a failed request answers, whichever door it came in by: REST turns it into a problem detail
 * ({@link ProblemDetailsAdvice}), GraphQL into an error whose {@code extensions.code} is the same code. The one
 * place where a failure becomes a code and words.
 *
 * @param status     the HTTP status REST answers with
 * @param violations every offending field, when the input broke several limits at once
 * @param unexpected a failure no rule explains: logged with its stack trace, never shown
 */
public record Refusal(int status, String code, String detail, List<String> violations, boolean unexpected) {

    static final String CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    private static final String PROJECT_KEY_CONSTRAINT = "project_key_registry_pkey";

    public static Refusal of(TaskledgerException e) {
        return new Refusal(e.code().kind().httpStatus(), e.code().name(), e.getMessage(), e.violations(), false);
    }

    public static Refusal invalidInput(String detail) {
        return of(new TaskledgerException(ErrorCode.INVALID_INPUT, detail));
    }

    public static Refusal of(Throwable failure) {
        Throwable e = unwrapped(failure);
        if (e instanceof TaskledgerException refused) {
            return of(refused);
        }
        if (e instanceof AuthenticationException) {
            // Whatever was wrong with the token, the same answer: it teaches an attacker nothing.
            return of(new TaskledgerException(ErrorCode.UNAUTHENTICATED,
                    "a valid access token is required: log in at /api/auth/login"));
        }
        if (e instanceof AccessDeniedException) {
            return of(TaskledgerException.roleForbids());
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return of(new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND,
                    "project " + notFound.getAggregateIdentifier() + " does not exist"));
        }
        if (e instanceof ConflictingModificationException) {
            // Two writers changed the same project at once (possible across server nodes); the caller may retry.
            return new Refusal(ErrorKind.RULE_VIOLATION.httpStatus(), CONCURRENT_MODIFICATION,
                    "the project was changed concurrently; read it again and retry", List.of(), false);
        }
        if (e instanceof DataIntegrityViolationException integrity) {
            // Only a race between two creations of one project key, or two registrations of one username, gets here.
            String cause = String.valueOf(integrity.getMostSpecificCause().getMessage());
            if (cause.contains(PROJECT_KEY_CONSTRAINT)) {
                return of(new TaskledgerException(ErrorCode.DUPLICATE_PROJECT_KEY,
                        "a project with this key already exists"));
            }
            if (cause.contains(CredentialStore.USERNAME_CONSTRAINT)) {
                return of(new TaskledgerException(ErrorCode.DUPLICATE_USERNAME,
                        "an account with this username already exists"));
            }
        }
        if (DatabaseUnavailable.causedBy(e)) {
            return of(DatabaseUnavailable.refusal());
        }
        return new Refusal(500, INTERNAL_ERROR, "an unexpected error occurred; it has been logged", List.of(), true);
    }

    /** Handlers' exceptions may arrive wrapped by the command or query bus, or by a future. */
    private static Throwable unwrapped(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CommandExecutionException || e instanceof QueryExecutionException
                || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
