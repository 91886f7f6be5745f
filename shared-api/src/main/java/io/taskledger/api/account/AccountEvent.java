package io.taskledger.api.account;

/** An event of one account's stream. No account event ever carries a password or its hash. */
public interface AccountEvent {

    String username();
}
