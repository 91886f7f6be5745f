package io.taskledger.api.account;

/** Every account, disabled ones included, by username. Answer: {@link AccountList}. */
public record FindAccountsQuery() {
}
