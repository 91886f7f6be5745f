package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Freezes a project: it accepts no more commands. */
public record ArchiveProjectCommand(@TargetAggregateIdentifier ProjectId projectId) implements ProjectCommand {
}
