package io.taskledger.api.account;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;

import java.time.Instant;

/** An account as the user directory shows it; it never holds a password or a hash. */
public record AccountView(String username, String displayName, AccountKind kind, GlobalRole role, boolean enabled,
                          Instant registeredAt) {
}
