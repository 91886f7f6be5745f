package io.taskledger.api.account;

import io.taskledger.api.query.PageRequest;

/** Every account, disabled ones included, by username, one page of them. Answer: {@link AccountList}. */
public record FindAccountsQuery(PageRequest page) {

    public FindAccountsQuery() {
        this(PageRequest.FIRST);
    }
}
