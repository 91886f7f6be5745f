package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a task waiting for one of its prerequisites. */
public record RemovePrerequisiteCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        TaskKey taskKey,
        TaskKey prerequisite) implements TaskCommand {
}
