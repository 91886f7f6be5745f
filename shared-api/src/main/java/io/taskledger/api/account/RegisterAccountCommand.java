package io.taskledger.api.account;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens an account. Its password hash is stored beside it, never in the command or its events. */
public record RegisterAccountCommand(@TargetAggregateIdentifier String username, String displayName,
                                     AccountKind kind, GlobalRole role) implements AccountCommand {
}
