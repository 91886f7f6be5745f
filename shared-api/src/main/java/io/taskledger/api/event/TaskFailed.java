package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

/** Attempts are exhausted and the policy is FAIL. */
@Revision("1")
public record TaskFailed(ProjectId projectId, TaskKey taskKey, int attempts) implements TaskEvent {
}
