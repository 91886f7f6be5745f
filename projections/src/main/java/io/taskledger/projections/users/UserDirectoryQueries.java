package io.taskledger.projections.users;

import io.taskledger.api.account.AccountList;
import io.taskledger.api.account.AccountView;
import io.taskledger.api.account.FindAccountQuery;
import io.taskledger.api.account.FindAccountsQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the account queries from the user directory. */
@Component
public class UserDirectoryQueries {

    private final DirectoryAccountRepository accounts;

    public UserDirectoryQueries(DirectoryAccountRepository accounts) {
        this.accounts = accounts;
    }

    @QueryHandler
    public AccountList handle(FindAccountsQuery query) {
        return new AccountList(accounts.findAllByOrderByUsername().stream().map(DirectoryAccount::view).toList());
    }

    /** Null when there is no such account. */
    @QueryHandler
    public AccountView handle(FindAccountQuery query) {
        return accounts.findById(query.username()).map(DirectoryAccount::view).orElse(null);
    }
}
