package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends an account's membership of the project. */
public record RemoveMemberCommand(@TargetAggregateIdentifier ProjectId projectId, String username) implements ProjectCommand {
}
