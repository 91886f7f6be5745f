package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a task wait for another task of the same project. */
public record AddPrerequisiteCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        TaskKey taskKey,
        TaskKey prerequisite) implements TaskCommand {
}
