package io.taskledger.infra.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.FieldCoordinates;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.error.TaskledgerException;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * Holds the schema's {@code @requiresRole(role: ...)}: a field so marked answers {@code FORBIDDEN} to a caller of any
 * other global role, before its controller runs. Over REST the security filter chain decides these rules by path
 * ({@code /api/admin}, {@code /api/users}); GraphQL has one path, so the schema names them field by field and this is
 * the one place that enforces them.
 */
@Component
class RequiredRoles implements RuntimeWiringConfigurer, SchemaDirectiveWiring {

    static final String DIRECTIVE = "requiresRole";

    @Override
    public void configure(RuntimeWiring.Builder builder) {
        builder.directive(DIRECTIVE, this);
    }

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> environment) {
        Object role = environment.getAppliedDirective().getArgument("role").getValue();
        GlobalRole required = GlobalRole.valueOf(role.toString());
        GraphQLFieldDefinition field = environment.getElement();
        FieldCoordinates coordinates = FieldCoordinates.coordinates(environment.getFieldsContainer(), field);
        DataFetcher<?> answer = environment.getCodeRegistry().getDataFetcher(coordinates, field);
        environment.getCodeRegistry().dataFetcher(coordinates, (DataFetcher<Object>) fetching -> {
            if (GraphQlCaller.callerOf(fetching).role() != required) {
                throw TaskledgerException.roleForbids();
            }
            return answer.get(fetching);
        });
        return field;
    }
}
