package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a task and its unfinished descendants; tasks are never deleted. */
public record CancelTaskCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        TaskKey taskKey,
        String reason) implements TaskCommand {
}
