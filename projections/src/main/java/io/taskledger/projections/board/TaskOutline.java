package io.taskledger.projections.board;

import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

import java.util.List;
import java.util.UUID;

/**
 * A task as the board's lists show it, with what its plan needs to say what blocks it (parent, prerequisites), and
 * without its description and steps, the bulk of its row: a board of 200 tasks is read as outlines.
 */
record TaskOutline(
        UUID projectId,
        TaskKey key,
        TaskLevel level,
        TaskKey parent,
        String title,
        TaskStatus status,
        String assignee,
        Priority priority,
        int attempts,
        int maxRetries,
        List<TaskKey> prerequisites,
        int position) {
}
