package io.taskledger.command.accounts;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountDisplayNameChanged;
import io.taskledger.api.account.AccountPasswordChanged;
import io.taskledger.api.account.AccountRegistered;
import io.taskledger.api.account.AccountRoleChanged;
import io.taskledger.api.account.ChangeAccountRoleCommand;
import io.taskledger.api.account.ChangeDisplayNameCommand;
import io.taskledger.api.account.DisableAccountCommand;
import io.taskledger.api.account.RecordPasswordChangeCommand;
import io.taskledger.api.account.RegisterAccountCommand;
import io.taskledger.api.account.Usernames;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person's or an agent's account, identified by its username. Its stream is the audit trail of access changes:
 * registration, role changes, display name changes, password changes (only that one happened) and disabling.
 * A disabled account changes no more.
 */
@Aggregate(lockFactory = "aggregateLocks")
public class Account {

    /** Display names are for people to read; a bound keeps them that way. */
    static final int MAX_DISPLAY_NAME = 200;

    @AggregateIdentifier
    private String username;
    private String displayName;
    private GlobalRole role;
    private boolean enabled;

    protected Account() {
    }

    @CommandHandler
    public Account(RegisterAccountCommand command) {
        if (command.kind() == null) {
            throw invalid("kind is required: HUMAN or AGENT");
        }
        if (command.role() == null) {
            throw invalid("role is required");
        }
        if (!Usernames.isValid(command.username(), command.kind())) {
            throw invalid("username '" + command.username() + "' is not valid: " + Usernames.rule(command.kind()));
        }
        apply(new AccountRegistered(command.username(), displayName(command.displayName()), command.kind(),
                command.role()));
    }

    @CommandHandler
    void handle(ChangeAccountRoleCommand command) {
        requireEnabled();
        if (command.role() == null) {
            throw invalid("role is required");
        }
        if (command.role() == role) {
            throw unchanged("already has the role " + role);
        }
        apply(new AccountRoleChanged(username, role, command.role()));
    }

    @CommandHandler
    void handle(ChangeDisplayNameCommand command) {
        requireEnabled();
        String newName = displayName(command.displayName());
        if (newName.equals(displayName)) {
            throw unchanged("is already shown as '" + displayName + "'");
        }
        apply(new AccountDisplayNameChanged(username, newName));
    }

    @CommandHandler
    void handle(RecordPasswordChangeCommand command) {
        requireEnabled();
        apply(new AccountPasswordChanged(username));
    }

    @CommandHandler
    void handle(DisableAccountCommand command) {
        requireEnabled();
        apply(new AccountDisabled(username));
    }

    @EventSourcingHandler
    void on(AccountRegistered event) {
        username = event.username();
        displayName = event.displayName();
        role = event.role();
        enabled = true;
    }

    @EventSourcingHandler
    void on(AccountRoleChanged event) {
        role = event.to();
    }

    @EventSourcingHandler
    void on(AccountDisplayNameChanged event) {
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(AccountDisabled event) {
        enabled = false;
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new TaskledgerException(ErrorCode.ACCOUNT_DISABLED,
                    "account " + username + " is disabled; a disabled account changes no more");
        }
    }

    private TaskledgerException unchanged(String what) {
        return new TaskledgerException(ErrorCode.ACCOUNT_UNCHANGED, "account " + username + " " + what);
    }

    private static String displayName(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("displayName is required");
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME) {
            throw invalid("displayName is longer than " + MAX_DISPLAY_NAME + " characters");
        }
        return trimmed;
    }

    private static TaskledgerException invalid(String message) {
        return new TaskledgerException(ErrorCode.INVALID_INPUT, message);
    }
}
