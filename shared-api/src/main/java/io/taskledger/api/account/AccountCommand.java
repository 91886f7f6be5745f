package io.taskledger.api.account;

/** A command addressed to one account; the account's username is its aggregate id. */
public interface AccountCommand {

    String username();
}
