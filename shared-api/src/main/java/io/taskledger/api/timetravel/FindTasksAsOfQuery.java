package io.taskledger.api.timetravel;

import io.taskledger.api.query.ProjectScopedQuery;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.FindTasksQuery;

/**
 * The task rows {@code tasks} asks for, as they were at a point in the past. Answer: {@code TaskList}; refused with
 * PROJECT_NOT_FOUND when the project did not exist yet.
 */
public record FindTasksAsOfQuery(FindTasksQuery tasks, PointInTime at) implements ProjectScopedQuery {

    @Override
    public ProjectScope scope() {
        return tasks.scope();
    }
}
