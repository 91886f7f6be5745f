package io.taskledger.api.account;

import org.axonframework.serialization.Revision;

/** An account's password was replaced. Only that it changed: never the password or its hash. */
@Revision("1")
public record AccountPasswordChanged(String username) implements AccountEvent {
}
