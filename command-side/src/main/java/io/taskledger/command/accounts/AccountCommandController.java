package io.taskledger.command.accounts;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.command.accounts.AccountService.AccountChanges;
import io.taskledger.command.accounts.AccountService.NewAccount;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

import static io.taskledger.command.api.RequestFields.enumValue;
import static io.taskledger.command.api.RequestFields.present;
import static io.taskledger.command.api.RequestFields.required;
import static io.taskledger.command.api.RequestFields.requiredEnum;

/**
 * Account administration ({@code /api/users}, ADMIN only, enforced by the security filter chain) and the
 * self-service password change ({@code /api/auth/password}, any account). Bodies bind to these records only: an
 * unknown field, such as {@code role} on the self-service body, is refused with 400.
 */
@RestController
class AccountCommandController {

    private final AccountService accounts;

    AccountCommandController(AccountService accounts) {
        this.accounts = accounts;
    }

    record NewAccountRequest(String username, String password, String displayName, String kind, String role) {
        @Override
        public String toString() {
            return "NewAccountRequest[username=" + username + "]";
        }
    }

    record AccountChangesRequest(String displayName, String role, String password) {
        @Override
        public String toString() {
            return "AccountChangesRequest[displayName=" + displayName + ", role=" + role + "]";
        }
    }

    record PasswordChangeRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChangeRequest[]";
        }
    }

    /** What was registered: never the password. */
    record AccountRegisteredResponse(String username, String displayName, AccountKind kind, GlobalRole role,
                                     boolean enabled) {
    }

    @PostMapping(path = "/api/users", produces = "application/json")
    ResponseEntity<AccountRegisteredResponse> register(@RequestBody NewAccountRequest request) {
        AccountRegisteredResponse registered = register(accounts, request);
        return ResponseEntity.created(URI.create("/api/users/" + registered.username())).body(registered);
    }

    /** Checks the request as REST and GraphQL both receive it, and registers the account. */
    static AccountRegisteredResponse register(AccountService accounts, NewAccountRequest request) {
        present(request, "body");
        String username = required(request.username(), "username");
        AccountKind kind = requiredEnum(AccountKind.class, request.kind(), "kind");
        GlobalRole role = requiredEnum(GlobalRole.class, request.role(), "role");
        String displayName = required(request.displayName(), "displayName");
        accounts.register(new NewAccount(username, required(request.password(), "password"), displayName, kind,
                role));
        return new AccountRegisteredResponse(username, displayName.strip(), kind, role, true);
    }

    @PatchMapping(path = "/api/users/{username}")
    ResponseEntity<Void> change(@PathVariable String username, @RequestBody AccountChangesRequest request,
                                Caller caller) {
        change(accounts, username, request, caller);
        return ResponseEntity.noContent().build();
    }

    static void change(AccountService accounts, String username, AccountChangesRequest request, Caller caller) {
        present(request, "body");
        accounts.change(username, new AccountChanges(request.displayName(),
                enumValue(GlobalRole.class, request.role(), null, "role"), request.password()), caller);
    }

    /** Disables the account: it keeps its history, and its sessions end. */
    @DeleteMapping(path = "/api/users/{username}")
    ResponseEntity<Void> disable(@PathVariable String username, Caller caller) {
        accounts.disable(username, caller);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/auth/password")
    ResponseEntity<Void> changeOwnPassword(@RequestBody PasswordChangeRequest request, Caller caller) {
        present(request, "body");
        accounts.changeOwnPassword(caller, required(request.currentPassword(), "currentPassword"),
                required(request.newPassword(), "newPassword"));
        return ResponseEntity.noContent().build();
    }
}
