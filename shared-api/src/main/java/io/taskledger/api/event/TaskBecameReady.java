package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

/** Every prerequisite of the task and of its ancestors has succeeded (or a manager asked for a retry): it may be started. */
@Revision("1")
public record TaskBecameReady(ProjectId projectId, TaskKey taskKey) implements TaskEvent {
}
