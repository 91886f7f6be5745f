package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

/** A task's assignee changed. {@code previousAssignee} is null when it had none. */
@Revision("1")
public record TaskAssigned(ProjectId projectId, TaskKey taskKey, String assignee, String previousAssignee) implements TaskEvent {
}
