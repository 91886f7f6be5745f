package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

/** The first child of a phase or task started, so the container is IN_PROGRESS. */
@Revision("1")
public record ContainerStarted(ProjectId projectId, TaskKey taskKey) implements TaskEvent {
}
