package io.taskledger.infra.graphql;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import graphql.ExecutionResult;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.infra.cluster.NodeRole;
import io.taskledger.infra.cluster.NodeRoles;
import org.springframework.stereotype.Component;


/**
 * Node roles for GraphQL, whose queries and mutations share one URL (so the HTTP filter that routes REST by method
 * cannot tell them apart): a node without the {@code command} role runs no mutation, and so never appends an event
 * through GraphQL; a node without {@code query} answers no query. The refusal is the REST one's code, before any field
 * is fetched.
 */
@Component
class GraphQlNodeRoles extends SimplePerformantInstrumentation {

    private final NodeRoles roles;

    GraphQlNodeRoles(NodeRoles roles) {
        this.roles = roles;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        OperationDefinition.Operation operation = parameters.getExecutionContext().getOperationDefinition()
                .getOperation();
        if (operation == OperationDefinition.Operation.MUTATION && !roles.runs(NodeRole.COMMAND)) {
            throw GraphQlRefusals.refusedOperation(new TaskledgerException(ErrorCode.NOT_A_COMMAND_NODE,
                    "this server node does not take commands (its roles: "
                    + roles + "); send the mutation, unchanged, to a node with the role command"));
        }
        if (operation != OperationDefinition.Operation.MUTATION && !roles.runs(NodeRole.QUERY)) {
            throw GraphQlRefusals.refusedOperation(new TaskledgerException(ErrorCode.NOT_A_QUERY_NODE,
                    "this server node does not answer reads (its roles: "
                    + roles + "); send the query, unchanged, to a node with the role query"));
        }
        return super.beginExecuteOperation(parameters, state);
    }
}
