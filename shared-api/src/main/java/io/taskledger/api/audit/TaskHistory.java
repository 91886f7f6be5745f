package io.taskledger.api.audit;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;

import java.util.List;

/** Everything that happened to one task, oldest first. */
public record TaskHistory(ProjectId projectId, TaskKey taskKey, List<HistoryEntry> entries) {
}
