package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskStatus;

import java.time.Instant;
import java.util.Map;

/**
 * A project as its board shows it.
 *
 * @param version         the project's version this view reflects
 * @param countsByStatus  tasks of every level, by status (every status present, zero included)
 * @param progressPercent succeeded leaves as a share of the leaves not cancelled, 0 to 100
 */
public record ProjectSummary(
        ProjectId id,
        String key,
        String name,
        String description,
        boolean archived,
        Instant createdAt,
        long version,
        int taskCount,
        Map<TaskStatus, Integer> countsByStatus,
        int progressPercent) {
}
