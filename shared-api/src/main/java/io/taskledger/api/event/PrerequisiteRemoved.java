package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

/** A task no longer waits for {@code prerequisite}. */
@Revision("1")
public record PrerequisiteRemoved(ProjectId projectId, TaskKey taskKey, TaskKey prerequisite) implements TaskEvent {
}
