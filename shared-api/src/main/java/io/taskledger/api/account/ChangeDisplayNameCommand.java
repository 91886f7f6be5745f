package io.taskledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the name an account is shown with; its username never changes. */
public record ChangeDisplayNameCommand(@TargetAggregateIdentifier String username, String displayName)
        implements AccountCommand {
}
