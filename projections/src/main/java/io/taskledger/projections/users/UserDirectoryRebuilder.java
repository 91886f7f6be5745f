package io.taskledger.projections.users;

import io.taskledger.api.account.AccountEvent;
import io.taskledger.projections.ProjectionRebuilder;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Rebuilds the user directory from the account events without taking it away, account by account, as the board's
 * rebuilder does project by project: in one transaction the account's row is locked ({@code FOR NO KEY UPDATE}, so
 * the live processor's next change to that account waits and then applies on top), the account's stream (the
 * {@code Account} aggregate, identified by its username) is read from sequence 0 up to the version the row shows,
 * folded by {@link DirectoryAccount#fold} (the code the live projection applies events with) and the row replaced.
 * Readers see the previous row until it commits, then the rebuilt one. No event handler runs.
 */
@Component
public class UserDirectoryRebuilder implements ProjectionRebuilder {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventStore eventStore;

    public UserDirectoryRebuilder(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                  EventStore eventStore) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.eventStore = eventStore;
    }

    @Override
    public String projection() {
        return UserDirectoryProjection.PROCESSING_GROUP;
    }

    @Override
    public void checkReadable() {
        jdbc.queryForList("SELECT 1 FROM " + DirectoryAccount.TABLE.name() + " LIMIT 1");
    }

    /** The accounts the directory knows, oldest registration first. */
    @Override
    public List<String> keys() {
        return jdbc.queryForList("SELECT username FROM user_directory ORDER BY registered_at, username", String.class);
    }

    @Override
    public void rebuild(String username) {
        transactions.executeWithoutResult(status -> {
            List<Long> locked = jdbc.queryForList(
                    "SELECT version FROM user_directory WHERE username = ? FOR NO KEY UPDATE", Long.class, username);
            if (locked.isEmpty()) {
                return;
            }
            long version = locked.get(0);
            // From sequence 0: readEvents(id) alone would start from a snapshot, which is the aggregate's state.
            List<DirectoryAccount.Recorded> events = eventStore.readEvents(username, 0L).asStream()
                    .takeWhile(event -> event.getSequenceNumber() <= version)
                    .filter(event -> event.getPayload() instanceof AccountEvent)
                    .map(event -> new DirectoryAccount.Recorded((AccountEvent) event.getPayload(),
                            event.getSequenceNumber(), event.getTimestamp()))
                    .toList();
            DirectoryAccount rebuilt = DirectoryAccount.fold(events).orElseThrow(() -> new IllegalStateException(
                    "account " + username + " has no registration in the event store"));
            DirectoryAccount.TABLE.update(jdbc, rebuilt);
        });
    }
}
