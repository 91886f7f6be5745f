package io.taskledger.api.account;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import org.axonframework.serialization.Revision;

/** An account was opened, enabled, with its first global role. */
@Revision("1")
public record AccountRegistered(String username, String displayName, AccountKind kind, GlobalRole role)
        implements AccountEvent {
}
