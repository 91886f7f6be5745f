package io.taskledger.infra.graphql;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.query.AwaitPositionQuery;
import io.taskledger.api.query.ReadModel;
import io.taskledger.infra.web.CommandPositionFilter;
import io.taskledger.query.api.BoardQueries;
import io.taskledger.query.api.MinPositionInterceptor;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Read-your-writes over GraphQL, as over REST: a mutation's answer carries
 * {@value MinPositionInterceptor#MIN_POSITION_HEADER} ({@link CommandPositionFilter} adds it once the operation
 * says it sent commands), and a query sent with that header first waits, bounded, until the read models have handled
 * that position (both of them: one query may read projects and accounts alike). Past the bound the query runs
 * nothing and answers {@code READ_MODEL_BEHIND}.
 */
@Component
class GraphQlPositions extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

    private static final String KEY = GraphQlPositions.class.getName();

    private final BoardQueries queries;

    GraphQlPositions(BoardQueries queries) {
        this.queries = queries;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String position = request.getHeaders().getFirst(MinPositionInterceptor.MIN_POSITION_HEADER);
        if (position != null && !position.isBlank()) {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(KEY, position)).build());
        }
        return chain.next(request);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        OperationDefinition.Operation operation = parameters.getExecutionContext().getOperationDefinition()
                .getOperation();
        if (operation == OperationDefinition.Operation.MUTATION) {
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            if (request != null) {
                request.setAttribute(CommandPositionFilter.COMMANDS_SENT, Boolean.TRUE,
                        RequestAttributes.SCOPE_REQUEST);
            }
        } else {
            String position = parameters.getExecutionContext().getGraphQLContext().get(KEY);
            if (position != null) {
                long wanted;
                try {
                    wanted = MinPositionInterceptor.position(position);
                } catch (TaskledgerException malformed) {
                    throw GraphQlRefusals.refusedOperation(malformed);
                }
                try {
                    for (ReadModel readModel : ReadModel.values()) {
                        queries.ask(new AwaitPositionQuery(readModel, wanted), Long.class);
                    }
                } catch (TaskledgerException behind) {
                    throw GraphQlRefusals.refusedOperation(behind);
                }
            }
        }
        return super.beginExecuteOperation(parameters, state);
    }
}
