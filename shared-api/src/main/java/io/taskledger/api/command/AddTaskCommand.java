package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskDefinition;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds one task to the project's plan. */
public record AddTaskCommand(@TargetAggregateIdentifier ProjectId projectId, TaskDefinition task) implements ProjectCommand {
}
