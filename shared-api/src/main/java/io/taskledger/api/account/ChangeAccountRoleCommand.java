package io.taskledger.api.account;

import io.taskledger.api.access.GlobalRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grants an account another global role (the previous one is revoked). */
public record ChangeAccountRoleCommand(@TargetAggregateIdentifier String username, GlobalRole role)
        implements AccountCommand {
}
