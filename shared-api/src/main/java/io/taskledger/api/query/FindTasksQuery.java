package io.taskledger.api.query;

import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

/** A project's task rows in plan order, each filter optional (null for all). Answer: {@link TaskList}. */
public record FindTasksQuery(ProjectScope scope, TaskStatus status, String assignee, TaskLevel level)
        implements ProjectScopedQuery {
}
