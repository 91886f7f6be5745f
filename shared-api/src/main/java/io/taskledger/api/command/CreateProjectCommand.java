package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a project; its key must be unique across projects. */
public record CreateProjectCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        String key,
        String name,
        String description) implements ProjectCommand {
}
