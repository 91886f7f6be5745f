package io.taskledger.api.command;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.ids.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes an account a member of the project with a role, or changes the role of a member. */
public record AddMemberCommand(@TargetAggregateIdentifier ProjectId projectId, String username, ProjectRole role) implements ProjectCommand {
}
