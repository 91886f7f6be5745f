package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

import java.util.List;

/**
 * A task as a board row.
 *
 * @param attempts  attempts opened so far
 * @param blockedBy the prerequisites (own and ancestors') not yet succeeded: why a PENDING task waits
 * @param position  plan order within the project
 */
public record TaskRow(
        ProjectId projectId,
        TaskKey key,
        TaskLevel level,
        TaskKey parent,
        String title,
        TaskStatus status,
        String assignee,
        Priority priority,
        int attempts,
        int maxRetries,
        List<TaskKey> blockedBy,
        int position) {
}
