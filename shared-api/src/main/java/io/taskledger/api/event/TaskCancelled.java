package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

/** A task was cancelled. {@code cancelledWith} names the ancestor whose cancellation cascaded to it, or is null when it was cancelled itself. */
@Revision("1")
public record TaskCancelled(ProjectId projectId, TaskKey taskKey, String reason, TaskKey cancelledWith) implements TaskEvent {
}
