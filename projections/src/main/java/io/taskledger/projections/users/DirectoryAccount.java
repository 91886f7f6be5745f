package io.taskledger.projections.users;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.account.AccountView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An account as the user directory shows it, with the sequence number of its last event applied here. */
@Entity
@Table(name = "user_directory")
public class DirectoryAccount {

    @Id
    private String username;

    @Column(name = "display_name")
    private String displayName;

    @Enumerated(EnumType.STRING)
    private AccountKind kind;

    @Enumerated(EnumType.STRING)
    private GlobalRole role;

    private boolean enabled;

    @Column(name = "registered_at")
    private Instant registeredAt;

    private long version;

    protected DirectoryAccount() {
    }

    DirectoryAccount(String username, String displayName, AccountKind kind, GlobalRole role, Instant registeredAt,
                     long version) {
        this.username = username;
        this.displayName = displayName;
        this.kind = kind;
        this.role = role;
        this.enabled = true;
        this.registeredAt = registeredAt;
        this.version = version;
    }

    /** Whether this event of the account was applied already: a redelivery or a replay overlap. */
    boolean hasSeen(long sequence) {
        return sequence <= version;
    }

    void advanceTo(long sequence) {
        version = sequence;
    }

    void rename(String newDisplayName) {
        displayName = newDisplayName;
    }

    void grant(GlobalRole newRole) {
        role = newRole;
    }

    void disable() {
        enabled = false;
    }

    AccountView view() {
        return new AccountView(username, displayName, kind, role, enabled, registeredAt);
    }
}
