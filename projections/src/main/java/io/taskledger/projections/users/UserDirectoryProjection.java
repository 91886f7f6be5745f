package io.taskledger.projections.users;

import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountDisplayNameChanged;
import io.taskledger.api.account.AccountEvent;
import io.taskledger.api.account.AccountRegistered;
import io.taskledger.api.account.AccountRoleChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.taskledger.projections.users.DirectoryAccount.TABLE;

/**
 * The user directory: every account with its display name, kind, role and whether it is enabled, built from the
 * account events (which hold no secret, so neither does the directory). Each row keeps the sequence number of the
 * last event applied, so redelivered and replayed events change nothing.
 */
@Component
@ProcessingGroup(UserDirectoryProjection.PROCESSING_GROUP)
public class UserDirectoryProjection {

    public static final String PROCESSING_GROUP = "user-directory";

    private final JdbcTemplate jdbc;

    public UserDirectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (TABLE.find(jdbc, event.username()).isEmpty()) {
            TABLE.insert(jdbc, DirectoryAccount.registered(event, sequence, at));
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
        jdbc.update("DELETE FROM " + TABLE.name());
    }

    private void change(AccountEvent event, long sequence) {
        DirectoryAccount account = TABLE.find(jdbc, event.username()).orElseThrow(() -> new IllegalStateException(
                "the user directory has no account " + event.username() + " for " + event));
        if (account.apply(event, sequence)) {
            TABLE.update(jdbc, account);
        }
    }
}
