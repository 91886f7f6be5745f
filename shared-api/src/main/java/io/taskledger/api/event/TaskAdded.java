package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskDefinition;
import org.axonframework.serialization.Revision;

/**
 * A task joined the plan, PENDING until it is found ready. {@code planPosition} is its place in plan order, counting
 * from 1 in the project. Revision 2 renamed revision 1's {@code position} (easily taken for a version or an event
 * position); stored revision-1 events are upcast when read.
 */
@Revision("2")
public record TaskAdded(ProjectId projectId, TaskDefinition task, int planPosition) implements ProjectEvent {
}
