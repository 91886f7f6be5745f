package io.taskledger.infra.graphql;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.StringValue;
import graphql.language.VariableReference;
import io.taskledger.api.access.Caller;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.query.api.BoardQueries;
import io.taskledger.query.api.RawJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A project read over GraphQL is executed once per project version, document and variables, and then answered as
 * kept, as REST keeps its serialized boards (docs/caching.md): graphql-java resolves every field of every task one by
 * one, which for a whole board costs many times the reading of it. Kept is an operation whose one root field is
 * {@code project(id:)} without {@code minVersion}, selecting only the project's read-model fields ({@link #KEPT_FIELDS};
 * not the audit reads: {@code verify} must recompute every time). Before every answer, kept or not, the same query as
 * REST's decides who may see the project and tells whether it is still at the kept version (one primary-key read), so
 * a kept answer reaches only viewers who may see the project, and only while it has not moved. An answer is kept only
 * when the project did not move while the operation ran. Bounded: the least recently used answers go first.
 */
@Component
class KeptProjectAnswers extends AsyncExecutionStrategy implements GraphQlSourceBuilderCustomizer {

    static final Set<String> KEPT_FIELDS = Set.of("__typename", "id", "key", "name", "description", "archived",
            "createdAt", "version", "taskCount", "progressPercent", "countsByStatus", "tasks", "taskPage", "task",
            "members");

    private record Key(String document, String operationName, Map<String, Object> variables, ProjectId projectId) {
    }

    private record Kept(ProjectVersion version, String json) {
    }

    private final BoardQueries queries;
    private final ObjectMapper json;
    private final Map<Key, Kept> answers;

    /**
     * @param refusals the resolvers Spring for GraphQL gives the strategy it builds itself, so a field's error is
     *                 answered as with that strategy
     */
    KeptProjectAnswers(BoardQueries queries, ObjectMapper json, ObjectProvider<DataFetcherExceptionResolver> refusals,
                       @Value("${taskledger.graphql.kept-answers}") int maxAnswers) {
        super(DataFetcherExceptionResolver.createExceptionHandler(refusals.orderedStream().toList()));
        this.queries = queries;
        this.json = json;
        this.answers = LeastRecentlyUsed.atMost(maxAnswers);
    }

    @Override
    public void customize(GraphQlSource.SchemaResourceBuilder builder) {
        builder.configureGraphQl(graphQl -> graphQl.queryExecutionStrategy(this));
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        Caller caller = GraphQlCaller.callerIn(context.getGraphQLContext());
        Key key = caller == null ? null : keyOf(context);
        if (key == null) {
            return super.execute(context, parameters);
        }
        Kept kept;
        synchronized (this) {
            kept = answers.get(key);
        }
        ProjectAnswer<?> before;
        try {
            before = queries.askProject(new FindProjectQuery(new ProjectScope(key.projectId(), caller, null,
                    kept == null ? List.of() : List.of(kept.version()))));
        } catch (TaskledgerException hiddenOrMissing) {
            return super.execute(context, parameters);   // the field answers it as it answers every such read
        }
        if (before.unchanged()) {
            return CompletableFuture.completedFuture(new ExecutionResultImpl(new RawJson(kept.json()), List.of()));
        }
        return super.execute(context, parameters).thenApply(result -> {
            keepIfStill(key, caller, before.version(), result);
            return result;
        });
    }

    private void keepIfStill(Key key, Caller caller, ProjectVersion version, ExecutionResult result) {
        if (!result.getErrors().isEmpty() || !(result.getData() instanceof Map<?, ?> data)
                || data.values().stream().anyMatch(value -> value == null)) {
            return;
        }
        ProjectAnswer<?> after;
        try {
            after = queries.askProject(new FindProjectQuery(new ProjectScope(key.projectId(), caller, null,
                    List.of(version))));
        } catch (TaskledgerException gone) {
            return;
        }
        if (after.unchanged()) {
            String serialized = json.writeValueAsString(data);
            synchronized (this) {
                answers.put(key, new Kept(version, serialized));
            }
        }
    }

    /** The key of an operation that may be kept, or null. */
    private static Key keyOf(ExecutionContext context) {
        OperationDefinition operation = context.getOperationDefinition();
        if (operation.getOperation() != OperationDefinition.Operation.QUERY
                || operation.getSelectionSet().getSelections().size() != 1
                || !(operation.getSelectionSet().getSelections().get(0) instanceof Field root)
                || !root.getName().equals("project") || root.getSelectionSet() == null
                || !root.getDirectives().isEmpty()) {
            return null;
        }
        for (Selection<?> selection : root.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !KEPT_FIELDS.contains(field.getName())) {
                return null;
            }
        }
        ProjectId projectId = null;
        for (Argument argument : root.getArguments()) {
            if (!argument.getName().equals("id")) {
                return null;   // minVersion: the field waits for it, once
            }
            Object id = argument.getValue() instanceof VariableReference variable
                    ? context.getCoercedVariables().get(variable.getName())
                    : argument.getValue() instanceof StringValue text ? text.getValue() : null;
            try {
                projectId = id == null ? null : ProjectId.of(id.toString());
            } catch (RuntimeException malformed) {
                return null;   // the field refuses it, with its words
            }
        }
        if (projectId == null) {
            return null;
        }
        return new Key(context.getExecutionInput().getQuery(), context.getExecutionInput().getOperationName(),
                context.getExecutionInput().getRawVariables().toMap(), projectId);
    }
}
