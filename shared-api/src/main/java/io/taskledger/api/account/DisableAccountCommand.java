package io.taskledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Disables an account for good: it can no longer log in and its tokens stop working; its history stays. */
public record DisableAccountCommand(@TargetAggregateIdentifier String username) implements AccountCommand {
}
