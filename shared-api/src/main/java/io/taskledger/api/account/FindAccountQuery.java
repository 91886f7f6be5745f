package io.taskledger.api.account;

/** One account. Answer: an optional {@link AccountView}. */
public record FindAccountQuery(String username) {
}
