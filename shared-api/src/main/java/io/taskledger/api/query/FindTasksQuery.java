package io.taskledger.api.query;

import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

/**
 * A project's task rows in plan order, each filter optional (null for all), one page of them (the cursor is a task's
 * position). Answer: {@link TaskList}.
 */
public record FindTasksQuery(ProjectScope scope, TaskStatus status, String assignee, TaskLevel level,
                             PageRequest page) implements ProjectScopedQuery {

    public FindTasksQuery(ProjectScope scope, TaskStatus status, String assignee, TaskLevel level) {
        this(scope, status, assignee, level, PageRequest.FIRST);
    }
}
