package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

/** A task now waits for {@code prerequisite} as well. */
@Revision("1")
public record PrerequisiteAdded(ProjectId projectId, TaskKey taskKey, TaskKey prerequisite) implements TaskEvent {
}
