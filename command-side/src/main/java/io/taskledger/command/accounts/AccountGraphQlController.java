package io.taskledger.command.accounts;

import io.taskledger.api.access.Caller;
import io.taskledger.command.accounts.AccountCommandController.AccountChangesRequest;
import io.taskledger.command.accounts.AccountCommandController.AccountRegisteredResponse;
import io.taskledger.command.accounts.AccountCommandController.NewAccountRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import static io.taskledger.command.api.RequestFields.required;

/**
 * The account mutations of {@code accounts.graphqls}, each the twin of its REST endpoint, with its checks. Who may
 * send them the schema says ({@code @requiresRole}), as the security filter chain says it for {@code /api/users}.
 */
@Controller
class AccountGraphQlController {

    private final AccountService accounts;

    AccountGraphQlController(AccountService accounts) {
        this.accounts = accounts;
    }

    @MutationMapping
    AccountRegisteredResponse registerAccount(@Argument NewAccountRequest input) {
        return AccountCommandController.register(accounts, input);
    }

    @MutationMapping
    boolean changeAccount(@Argument String username, @Argument AccountChangesRequest input, Caller caller) {
        AccountCommandController.change(accounts, username, input, caller);
        return true;
    }

    @MutationMapping
    boolean disableAccount(@Argument String username, Caller caller) {
        accounts.disable(username, caller);
        return true;
    }

    @MutationMapping
    boolean changeOwnPassword(@Argument String currentPassword, @Argument String newPassword, Caller caller) {
        accounts.changeOwnPassword(caller, required(currentPassword, "currentPassword"),
                required(newPassword, "newPassword"));
        return true;
    }
}
