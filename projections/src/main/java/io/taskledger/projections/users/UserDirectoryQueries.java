package io.taskledger.projections.users;

import io.taskledger.api.account.AccountList;
import io.taskledger.api.account.AccountView;
import io.taskledger.api.account.FindAccountQuery;
import io.taskledger.api.account.FindAccountsQuery;
import io.taskledger.api.query.PageRequest;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** Answers the account queries from the user directory. */
@Component
public class UserDirectoryQueries {

    /** A page by username: after the cursor (null: from the first). */
    private static final String PAGE_BY_USERNAME = DirectoryAccount.TABLE.selectWhere(
            "cast(? as text) is null or username > ? order by username limit ?");

    private final JdbcTemplate jdbc;

    public UserDirectoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** By username, one page; the cursor is the last username of the page before. */
    @QueryHandler
    public AccountList handle(FindAccountsQuery query) {
        PageRequest page = query.page();
        List<DirectoryAccount> read = jdbc.query(PAGE_BY_USERNAME, DirectoryAccount.TABLE.reader(), page.after(),
                page.after(), page.rowsToRead());
        return new AccountList(page.items(read).stream().map(DirectoryAccount::view).toList(),
                page.end(read, DirectoryAccount::username));
    }

    /** Null when there is no such account. */
    @QueryHandler
    public AccountView handle(FindAccountQuery query) {
        return DirectoryAccount.TABLE.find(jdbc, query.username()).map(DirectoryAccount::view).orElse(null);
    }
}
