package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskDefinition;
import org.axonframework.serialization.Revision;

/** A task joined the plan, PENDING until it is found ready. {@code position} is its place in plan order, counting from 1 in the project. */
@Revision("1")
public record TaskAdded(ProjectId projectId, TaskDefinition task, int position) implements ProjectEvent {
}
