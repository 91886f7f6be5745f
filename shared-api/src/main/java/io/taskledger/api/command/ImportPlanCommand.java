package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskDefinition;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Adds a whole plan at once, in plan order (parents before children): all of it or, when any rule is broken, none of it. */
public record ImportPlanCommand(@TargetAggregateIdentifier ProjectId projectId, List<TaskDefinition> tasks) implements ProjectCommand {
}
