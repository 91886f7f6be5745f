package io.taskledger.projections.users;

import io.taskledger.api.account.AccountList;
import io.taskledger.api.account.AccountView;
import io.taskledger.api.account.FindAccountQuery;
import io.taskledger.api.account.FindAccountsQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers the account queries from the user directory. */
@Component
public class UserDirectoryQueries {

    private static final String ALL_BY_USERNAME = DirectoryAccount.TABLE.selectWhere("true order by username");

    private final JdbcTemplate jdbc;

    public UserDirectoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public AccountList handle(FindAccountsQuery query) {
        return new AccountList(jdbc.query(ALL_BY_USERNAME, DirectoryAccount.TABLE.reader()).stream().map(DirectoryAccount::view).toList());
    }

    /** Null when there is no such account. */
    @QueryHandler
    public AccountView handle(FindAccountQuery query) {
        return DirectoryAccount.TABLE.find(jdbc, query.username()).map(DirectoryAccount::view).orElse(null);
    }
}
