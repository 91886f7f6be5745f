package io.taskledger.command.accounts;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.account.ChangeAccountRoleCommand;
import io.taskledger.api.account.ChangeDisplayNameCommand;
import io.taskledger.api.account.DisableAccountCommand;
import io.taskledger.api.account.RecordPasswordChangeCommand;
import io.taskledger.api.account.RegisterAccountCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes accounts: each method sends the account's commands and writes the credentials table in one transaction
 * (Axon's unit of work joins it), so an account and its password hash are stored together or not at all. The hash
 * goes only into the credentials table: commands and events say that a password changed, never what it is.
 */
@Service
public class AccountService {

    private final CommandGateway commands;
    private final CredentialStore credentials;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;

    public AccountService(CommandGateway commands, CredentialStore credentials, PasswordEncoder passwordEncoder,
                          PasswordPolicy passwordPolicy) {
        this.commands = commands;
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
    }

    /** What registering an account takes; {@code toString} leaves the password out. */
    public record NewAccount(String username, String password, String displayName, AccountKind kind,
                             GlobalRole role) {
        @Override
        public String toString() {
            return "NewAccount[username=" + username + ", kind=" + kind + ", role=" + role + "]";
        }
    }

    /** Changes to an account; a null field stays as it is. */
    public record AccountChanges(String displayName, GlobalRole role, String password) {
        @Override
        public String toString() {
            return "AccountChanges[displayName=" + displayName + ", role=" + role + ", password="
                    + (password == null ? "unchanged" : "changed") + "]";
        }

        boolean isEmpty() {
            return displayName == null && role == null && password == null;
        }
    }

    @Transactional
    public void register(NewAccount account) {
        passwordPolicy.check(account.username(), account.password());
        if (account.username() != null && credentials.exists(account.username())) {
            throw duplicate(account.username());
        }
        commands.sendAndWait(new RegisterAccountCommand(account.username(), account.displayName(), account.kind(),
                account.role()));
        credentials.insert(account.username(), passwordEncoder.encode(account.password()), account.role());
    }

    @Transactional
    public void change(String username, AccountChanges changes, Caller caller) {
        if (changes.isEmpty()) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                    "nothing to change: give displayName, role or password");
        }
        requireExisting(username);
        if (changes.role() != null && username.equals(caller.username())) {
            throw new TaskledgerException(ErrorCode.FORBIDDEN,
                    "an administrator cannot change their own role; another administrator can");
        }
        if (changes.password() != null) {
            passwordPolicy.check(username, changes.password());
        }
        if (changes.displayName() != null) {
            commands.sendAndWait(new ChangeDisplayNameCommand(username, changes.displayName()));
        }
        if (changes.role() != null) {
            commands.sendAndWait(new ChangeAccountRoleCommand(username, changes.role()));
            credentials.changeRole(username, changes.role());
        }
        if (changes.password() != null) {
            replacePassword(username, changes.password());
        }
    }

    /** Disables the account; its events and the history it appears in stay. */
    @Transactional
    public void disable(String username, Caller caller) {
        requireExisting(username);
        if (username.equals(caller.username())) {
            throw new TaskledgerException(ErrorCode.FORBIDDEN,
                    "an administrator cannot disable their own account; another administrator can");
        }
        commands.sendAndWait(new DisableAccountCommand(username));
        credentials.disable(username);
    }

    /** Self-service: the caller proves the current password before setting a new one. */
    @Transactional
    public void changeOwnPassword(Caller caller, String currentPassword, String newPassword) {
        StoredCredential stored = requireExisting(caller.username());
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, stored.passwordHash())) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, "currentPassword is not the current password");
        }
        passwordPolicy.check(caller.username(), newPassword);
        replacePassword(caller.username(), newPassword);
    }

    private void replacePassword(String username, String password) {
        commands.sendAndWait(new RecordPasswordChangeCommand(username));
        credentials.replaceHash(username, passwordEncoder.encode(password));
    }

    private StoredCredential requireExisting(String username) {
        return credentials.find(username).orElseThrow(() -> new TaskledgerException(ErrorCode.ACCOUNT_NOT_FOUND,
                "account " + username + " does not exist"));
    }

    public static TaskledgerException duplicate(String username) {
        return new TaskledgerException(ErrorCode.DUPLICATE_USERNAME, "an account named " + username
                + " already exists");
    }
}
