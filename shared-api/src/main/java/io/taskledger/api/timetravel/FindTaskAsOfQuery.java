package io.taskledger.api.timetravel;

import io.taskledger.api.query.ProjectScopedQuery;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.FindTaskQuery;

/**
 * One task with its steps and attempts as it was at a point in the past. Answer: an optional {@code TaskDetails};
 * refused with PROJECT_NOT_FOUND when the project did not exist yet.
 */
public record FindTaskAsOfQuery(FindTaskQuery task, PointInTime at) implements ProjectScopedQuery {

    @Override
    public ProjectScope scope() {
        return task.scope();
    }
}
