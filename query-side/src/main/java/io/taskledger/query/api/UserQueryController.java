package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.account.AccountList;
import io.taskledger.api.account.AccountView;
import io.taskledger.api.account.FindAccountQuery;
import io.taskledger.api.account.FindAccountsQuery;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.query.ReadModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The user directory. {@code /me} is the caller's own account; the others are for administrators (the security
 * filter chain holds that). Accounts never show a password or a hash: the directory has none.
 */
@RestController
@ReadsFrom(ReadModel.USER_DIRECTORY)
@RequestMapping("/api/users")
public class UserQueryController {

    private final BoardQueries queries;

    public UserQueryController(BoardQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/me")
    public AccountView me(Caller caller) {
        return account(caller.username());
    }

    /** By username, disabled accounts included; one page ({@link PagedLists}), whose cursor is the last username. */
    @GetMapping
    public ResponseEntity<List<AccountView>> accounts(@RequestParam(name = "after", required = false) String after,
                                                      @RequestParam(name = "limit", required = false) String limit) {
        AccountList page = queries.ask(new FindAccountsQuery(PagedLists.request(after, limit)), AccountList.class);
        return PagedLists.page(page.accounts(), page.page());
    }

    @GetMapping("/{username}")
    public AccountView account(@PathVariable("username") String username) {
        return queries.askOptional(new FindAccountQuery(username), AccountView.class)
                .orElseThrow(() -> new TaskledgerException(ErrorCode.ACCOUNT_NOT_FOUND,
                        "account " + username + " does not exist"));
    }
}
