package io.taskledger.projections.users;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountDisplayNameChanged;
import io.taskledger.api.account.AccountEvent;
import io.taskledger.api.account.AccountRegistered;
import io.taskledger.api.account.AccountRoleChanged;
import io.taskledger.api.account.AccountView;
import io.taskledger.projections.StorableText;
import io.taskledger.projections.jdbc.JdbcTable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.taskledger.projections.jdbc.JdbcTable.Column.bigint;
import static io.taskledger.projections.jdbc.JdbcTable.Column.bool;
import static io.taskledger.projections.jdbc.JdbcTable.Column.enumerated;
import static io.taskledger.projections.jdbc.JdbcTable.Column.text;
import static io.taskledger.projections.jdbc.JdbcTable.Column.timestamp;
import static io.taskledger.projections.jdbc.JdbcTable.instant;
import static io.taskledger.projections.jdbc.JdbcTable.values;

/**
 * An account as the user directory shows it, with the sequence number of its last event applied here. What each
 * account event does to the row is decided here and only here: {@link #registered} opens it, {@link #apply} applies
 * a later event. The live {@link UserDirectoryProjection} and the {@link UserDirectoryRebuilder} ({@link #fold})
 * both go through them, so a rebuilt row is the row the live projection wrote.
 */
public class DirectoryAccount {

    /** The table {@code user_directory}, described once: the projection, the rebuild and the queries go through it. */
    static final JdbcTable<DirectoryAccount> TABLE = new JdbcTable<>("user_directory",
            List.of(text("username")), false,
            List.of(text("display_name"), enumerated("kind"), enumerated("role"), bool("enabled"),
                    timestamp("registered_at"), bigint("version")),
            account -> values(account.username),
            account -> values(account.displayName, account.kind, account.role, account.enabled, account.registeredAt,
                    account.version),
            (row, number) -> new DirectoryAccount(row.getString("username"), row.getString("display_name"),
                    AccountKind.valueOf(row.getString("kind")), GlobalRole.valueOf(row.getString("role")),
                    row.getBoolean("enabled"), instant(row, "registered_at"), row.getLong("version")));

    private String username;

    private String displayName;

    private AccountKind kind;

    private GlobalRole role;

    private boolean enabled;

    private Instant registeredAt;

    private long version;

    private DirectoryAccount(String username, String displayName, AccountKind kind, GlobalRole role, boolean enabled,
                             Instant registeredAt, long version) {
        this.username = username;
        this.displayName = StorableText.of(displayName);
        this.kind = kind;
        this.role = role;
        this.enabled = enabled;
        this.registeredAt = registeredAt;
        this.version = version;
    }

    /** The row an account's registration opens, at the registration's sequence number. */
    static DirectoryAccount registered(AccountRegistered event, long sequence, Instant at) {
        return new DirectoryAccount(event.username(), event.displayName(), event.kind(), event.role(), true, at,
                sequence);
    }

    /**
     * Applies a later event of the account, unless it was applied already (a redelivery or a replay overlap) or is
     * one the directory does not show (a password change: the version stays at the last event shown).
     *
     * @return whether the row changed
     */
    boolean apply(AccountEvent event, long sequence) {
        if (sequence <= version) {
            return false;
        }
        if (event instanceof AccountRoleChanged changed) {
            role = changed.to();
        } else if (event instanceof AccountDisplayNameChanged renamed) {
            displayName = StorableText.of(renamed.displayName());
        } else if (event instanceof AccountDisabled) {
            enabled = false;
        } else {
            return false;
        }
        version = sequence;
        return true;
    }

    /** One stored event of an account's stream. */
    record Recorded(AccountEvent event, long sequence, Instant at) {
    }

    /**
     * The row the account's events, oldest first, leave behind: the registration opens it, each later event is
     * applied. Empty when the events hold no registration.
     */
    static Optional<DirectoryAccount> fold(Iterable<Recorded> events) {
        DirectoryAccount account = null;
        for (Recorded recorded : events) {
            if (account == null) {
                if (recorded.event() instanceof AccountRegistered registration) {
                    account = registered(registration, recorded.sequence(), recorded.at());
                }
            } else {
                account.apply(recorded.event(), recorded.sequence());
            }
        }
        return Optional.ofNullable(account);
    }

    long version() {
        return version;
    }

    String username() {
        return username;
    }

    AccountView view() {
        return new AccountView(username, displayName, kind, role, enabled, registeredAt);
    }
}
