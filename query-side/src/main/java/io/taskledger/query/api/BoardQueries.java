package io.taskledger.query.api;

import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectScopedQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The query bus as the HTTP layer uses it: it waits for the answer and rethrows a handler's refusal (a
 * {@code TaskledgerException}) as itself, so the error translation sees the code.
 */
@Component
public class BoardQueries {

    private final QueryGateway queryGateway;

    public BoardQueries(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    public <R> R ask(Object query, Class<R> answerType) {
        return await(queryGateway.query(query, ResponseTypes.instanceOf(answerType)));
    }

    /** A project-scoped query's answer, with the version it reflects. */
    @SuppressWarnings("unchecked")
    public <R> ProjectAnswer<R> askProject(ProjectScopedQuery query) {
        return await(queryGateway.query(query, ProjectAnswer.responseType()));
    }

    /** For queries answered with null when there is nothing to show. */
    public <R> Optional<R> askOptional(Object query, Class<R> answerType) {
        return await(queryGateway.query(query, ResponseTypes.optionalInstanceOf(answerType)));
    }

    private static <R> R await(CompletableFuture<R> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
