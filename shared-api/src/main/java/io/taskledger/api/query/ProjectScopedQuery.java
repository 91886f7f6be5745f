package io.taskledger.api.query;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;

/**
 * A query about one project. Its handler decides, from {@link #scope()}, what the viewer may see, in the same place
 * as it reads; {@code ProjectScopedQueriesTest} (architecture) fails for a query naming a project without a scope.
 */
public interface ProjectScopedQuery {

    ProjectScope scope();

    default ProjectId projectId() {
        return scope().projectId();
    }

    default Caller viewer() {
        return scope().viewer();
    }
}
