package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Names who is expected to work a task. */
public record AssignTaskCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        TaskKey taskKey,
        String assignee) implements TaskCommand {
}
