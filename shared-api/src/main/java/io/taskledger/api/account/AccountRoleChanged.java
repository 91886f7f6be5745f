package io.taskledger.api.account;

import io.taskledger.api.access.GlobalRole;
import org.axonframework.serialization.Revision;

/** An account's global role {@code from} was revoked and {@code to} granted. */
@Revision("1")
public record AccountRoleChanged(String username, GlobalRole from, GlobalRole to) implements AccountEvent {
}
