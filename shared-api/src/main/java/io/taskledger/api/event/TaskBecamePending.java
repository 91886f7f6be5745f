package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A task that was READY waits again, for the prerequisites named. */
@Revision("1")
public record TaskBecamePending(ProjectId projectId, TaskKey taskKey, List<TaskKey> waitingFor) implements TaskEvent {
}
