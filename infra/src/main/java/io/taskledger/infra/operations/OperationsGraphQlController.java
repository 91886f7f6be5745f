package io.taskledger.infra.operations;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.error.TaskledgerException;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/**
 * The operators' reads over GraphQL ({@code operations.graphqls}), the twins of {@code /api/admin}. There the security
 * filter chain allows ADMIN only, by path; GraphQL has one path, so the same rule is applied here.
 */
@Controller
class OperationsGraphQlController {

    private final ProjectionOperations operations;

    OperationsGraphQlController(ProjectionOperations operations) {
        this.operations = operations;
    }

    @QueryMapping
    List<ProjectionStatus> projections(Caller caller) {
        if (caller.role() != GlobalRole.ADMIN) {
            throw TaskledgerException.roleForbids();
        }
        return operations.projections();
    }
}
