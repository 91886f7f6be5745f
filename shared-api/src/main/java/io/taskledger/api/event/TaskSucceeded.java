package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.SuccessBasis;
import org.axonframework.serialization.Revision;

/** A task succeeded, on the grounds {@code basis}. */
@Revision("1")
public record TaskSucceeded(ProjectId projectId, TaskKey taskKey, SuccessBasis basis) implements TaskEvent {
}
