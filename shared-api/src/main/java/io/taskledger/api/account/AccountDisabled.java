package io.taskledger.api.account;

import org.axonframework.serialization.Revision;

/** An account was disabled; it can no longer log in and its tokens stopped working. */
@Revision("1")
public record AccountDisabled(String username) implements AccountEvent {
}
