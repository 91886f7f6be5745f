package io.taskledger.projections.board;

import io.taskledger.api.plan.TaskStatus;

import java.util.UUID;

/** How many tasks of one project, leaves or containers, are in one status. */
record StatusCount(UUID projectId, TaskStatus status, boolean leaf, long tasks) {
}
