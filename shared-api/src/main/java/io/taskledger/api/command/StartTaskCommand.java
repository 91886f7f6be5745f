package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens the next attempt of a READY leaf task for an agent, with a lease. */
public record StartTaskCommand(@TargetAggregateIdentifier ProjectId projectId, TaskKey taskKey, String agent) implements TaskCommand {
}
