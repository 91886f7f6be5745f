package io.taskledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that an account's password was replaced; the new hash is written beside it, never into the command. */
public record RecordPasswordChangeCommand(@TargetAggregateIdentifier String username) implements AccountCommand {
}
