package io.taskledger.api.account;

import org.axonframework.serialization.Revision;

/** An account's display name changed. */
@Revision("1")
public record AccountDisplayNameChanged(String username, String displayName) implements AccountEvent {
}
