package io.taskledger.infra.operations;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/**
 * The operators' reads and actions over GraphQL ({@code operations.graphqls}), the twins of {@code /api/admin}; ADMIN
 * only, as the schema says ({@code @requiresRole}).
 */
@Controller
class OperationsGraphQlController {

    private final ProjectionOperations operations;
    private final ProjectionRebuilds rebuilds;

    OperationsGraphQlController(ProjectionOperations operations, ProjectionRebuilds rebuilds) {
        this.operations = operations;
        this.rebuilds = rebuilds;
    }

    @QueryMapping
    List<ProjectionStatus> projections() {
        return operations.projections();
    }

    @QueryMapping
    List<DeadLetterView> deadLetters() {
        return operations.deadLetters();
    }

    @MutationMapping
    ProjectionRebuilds.Progress rebuildProjection(@Argument String name) {
        return rebuilds.start(name);
    }

    @MutationMapping
    DeadLetterRetry retryDeadLetter(@Argument String id) {
        return new DeadLetterRetry(id, operations.retry(id));
    }

    @MutationMapping
    boolean deleteDeadLetter(@Argument String id) {
        operations.delete(id);
        return true;
    }

    @SchemaMapping(typeName = "DeadLetter")
    String index(DeadLetterView letter) {
        return Long.toString(letter.index());
    }
}
