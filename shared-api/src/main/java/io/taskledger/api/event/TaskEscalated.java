package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

/** Attempts are exhausted and the policy is ESCALATE_TO_HUMAN: the task waits for a manager's decision. */
@Revision("1")
public record TaskEscalated(ProjectId projectId, TaskKey taskKey, String escalateTo, int attempts) implements TaskEvent {
}
