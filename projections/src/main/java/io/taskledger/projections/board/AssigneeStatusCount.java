package io.taskledger.projections.board;

import io.taskledger.api.plan.TaskStatus;

/** How many tasks of one assignee are in one status. */
record AssigneeStatusCount(String assignee, TaskStatus status, long tasks) {
}
