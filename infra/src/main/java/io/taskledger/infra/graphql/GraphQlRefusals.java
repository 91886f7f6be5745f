package io.taskledger.infra.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.infra.web.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused command or query becomes a GraphQL error with the REST code in {@code extensions.code} and the same
 * detail as its message ({@link Refusal} decides both); the field it belongs to answers null.
 */
@Component
class GraphQlRefusals extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphQlRefusals.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment environment) {
        return error(failure, GraphqlErrorBuilder.newError(environment),
                "GraphQL field " + environment.getExecutionStepInfo().getPath());
    }

    /** The error a failure is answered with, wherever it was raised ({@code where}, for the log). */
    static GraphQLError error(Throwable failure, GraphqlErrorBuilder<?> builder, String where) {
        Refusal refusal = failure instanceof BindException binding
                ? Refusal.invalidInput(binding.getFieldErrors().stream()
                .map(error -> error.getField() + " has an invalid value '" + error.getRejectedValue() + "'")
                .findFirst().orElse("an argument has an invalid value"))
                : Refusal.of(failure);
        if (refusal.unexpected()) {
            log.error("Unexpected failure in {}", where, failure);
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", refusal.code());
        extensions.put("status", refusal.status());
        if (!refusal.violations().isEmpty()) {
            extensions.put("violations", refusal.violations());
        }
        return builder
                .errorType(errorType(refusal.status()))
                .message(refusal.detail())
                .extensions(extensions)
                .build();
    }

    /**
     * A subscription's failures come from its publisher, not from a field's fetch: a refusal before its first change
     * (a project the caller may not see) and a failure later are answered alike.
     */
    @Component
    static class SubscriptionRefusals extends SubscriptionExceptionResolverAdapter {

        @Override
        protected GraphQLError resolveToSingleError(Throwable failure) {
            return error(failure, GraphqlErrorBuilder.newError(), "a GraphQL subscription");
        }
    }

    /** Refuses a whole operation before any field is fetched, with the REST code and detail. */
    static AbortExecutionException refusedOperation(TaskledgerException refusal) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().message(refusal.getMessage())
                .extensions(Map.of("code", refusal.code().name(), "status", refusal.code().kind().httpStatus()))
                .build()));
    }

    private static ErrorType errorType(int status) {
        return switch (status) {
            case 400, 412, 413, 422 -> ErrorType.BAD_REQUEST;
            case 401 -> ErrorType.UNAUTHORIZED;
            case 403 -> ErrorType.FORBIDDEN;
            case 404 -> ErrorType.NOT_FOUND;
            case 500 -> ErrorType.INTERNAL_ERROR;
            default -> ErrorType.BAD_REQUEST;
        };
    }
}
