package io.taskledger.api.audit;

import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;
import io.taskledger.api.ids.TaskKey;

/** A task's timeline from the event store. Answer: {@link TaskHistory}; refused when the project or task is unknown. */
public record FindTaskHistoryQuery(ProjectScope scope, TaskKey taskKey) implements ProjectScopedQuery {
}
