package io.taskledger.api.query;

import io.taskledger.api.ids.TaskKey;

/** One task with its steps and attempts. Answer: an optional {@link TaskDetails}. */
public record FindTaskQuery(ProjectScope scope, TaskKey taskKey) implements ProjectScopedQuery {
}
