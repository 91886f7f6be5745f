package io.taskledger.projections.users;

import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountDisplayNameChanged;
import io.taskledger.api.account.AccountEvent;
import io.taskledger.api.account.AccountRegistered;
import io.taskledger.api.account.AccountRoleChanged;
import jakarta.persistence.EntityManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The user directory: every account with its display name, kind, role and whether it is enabled, built from the
 * account events (which hold no secret, so neither does the directory). Each row keeps the sequence number of the
 * last event applied, so redelivered and replayed events change nothing.
 */
@Component
@ProcessingGroup(UserDirectoryProjection.PROCESSING_GROUP)
public class UserDirectoryProjection {

    public static final String PROCESSING_GROUP = "user-directory";

    private final EntityManager entityManager;
    private final DirectoryAccountRepository accounts;

    public UserDirectoryProjection(EntityManager entityManager, DirectoryAccountRepository accounts) {
        this.entityManager = entityManager;
        this.accounts = accounts;
    }

    @EventHandler
    void on(AccountRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (!accounts.existsById(event.username())) {
            entityManager.persist(DirectoryAccount.registered(event, sequence, at));
        }
    }

    /** Role changes, renames and disabling: {@link DirectoryAccount#apply} says what each does to the row. */
    @EventHandler
    void on(AccountRoleChanged event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(AccountDisplayNameChanged event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(AccountDisabled event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @ResetHandler
    void clearDirectory() {
        accounts.deleteAllInBatch();
    }

    private void change(AccountEvent event, long sequence) {
        DirectoryAccount account = accounts.findById(event.username()).orElseThrow(() -> new IllegalStateException(
                "the user directory has no account " + event.username() + " for " + event));
        account.apply(event, sequence);
    }
}
