package io.taskledger.projections.board;

import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.taskledger.projections.board.BoardTables.ATTEMPTS;
import static io.taskledger.projections.board.BoardTables.ESCALATIONS;
import static io.taskledger.projections.board.BoardTables.MEMBERS;
import static io.taskledger.projections.board.BoardTables.PROJECTS;
import static io.taskledger.projections.board.BoardTables.TASKS;

/**
 * The live board: rows in PostgreSQL, read and written with plain JDBC in the event processor's transaction. The
 * transaction's {@link BoardWorkingSet} reads each row once, and writes the changed ones just before the transaction
 * commits, so a batch of events costs one statement per row read and one JDBC batch per table written, far less CPU
 * than the same work through JPA (docs/benchmarks.md).
 *
 * <p>No event can stop the board. A refusal of the rows at that write (a value PostgreSQL cannot store, a constraint)
 * happens after every handler returned, where Axon's dead-letter queue does not see it: the batch would be retried
 * for ever and the segment's other projects would stop. So the write names the refused projects
 * ({@link BoardRowsRefusedException}), they are remembered here, the batch rolls back and is tried again, and this
 * time the first event of each refused project fails in its handler: the queue parks it and the project's later
 * events, and the other projects' rows are written.
 */
@Component
class JdbcBoardStore implements BoardStore {

    /** Bounds what is remembered should a refused project's batch never come back (another node took the segment). */
    private static final int MAX_REMEMBERED_REFUSALS = 10_000;

    private final JdbcTemplate jdbc;
    private final Map<UUID, BoardRowsRefusedException.Refusal> refusals = new ConcurrentHashMap<>();

    JdbcBoardStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<BoardProject> project(UUID projectId) {
        return workingSet().find(PROJECTS, List.of(projectId));
    }

    @Override
    public Optional<BoardTask> task(UUID projectId, String taskKey) {
        return workingSet().find(TASKS, List.of(projectId, taskKey));
    }

    @Override
    public Optional<BoardAttempt> attempt(UUID projectId, String taskKey, int number) {
        return workingSet().find(ATTEMPTS, List.of(projectId, taskKey, number));
    }

    @Override
    public Optional<BoardEscalation> openEscalation(UUID projectId, String taskKey) {
        return workingSet().openEscalation(projectId, taskKey);
    }

    @Override
    public void add(BoardProject project) {
        workingSet().add(PROJECTS, project);
    }

    @Override
    public void add(BoardTask task) {
        workingSet().add(TASKS, task);
    }

    @Override
    public void add(BoardAttempt attempt) {
        workingSet().add(ATTEMPTS, attempt);
    }

    @Override
    public void add(BoardEscalation escalation) {
        workingSet().add(ESCALATIONS, escalation);
    }

    @Override
    public Optional<BoardMember> member(UUID projectId, String username) {
        return workingSet().find(MEMBERS, List.of(projectId, username));
    }

    @Override
    public void add(BoardMember member) {
        workingSet().add(MEMBERS, member);
    }

    @Override
    public void remove(BoardMember member) {
        workingSet().remove(MEMBERS, member);
    }

    @Override
    public void handling(UUID projectId, String eventId) {
        if (retryingDeadLetter()) {
            return;  // a refusal leaves the letters parked; nothing to remember
        }
        BoardRowsRefusedException.Refusal refused = refusals.isEmpty() ? null : refusals.get(projectId);
        if (refused != null && refused.eventIds().contains(eventId) && refusals.remove(projectId, refused)) {
            throw new BoardRowsRefusedException(projectId, refused);
        }
        workingSet().handling(projectId, eventId);
    }

    /** Whether the event is a dead letter an operator retries (Axon's retry keeps the letter in its unit of work). */
    private static boolean retryingDeadLetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }

    @Override
    public void clear() {
        BoardWorkingSet current = (BoardWorkingSet) TransactionSynchronizationManager.getResource(this);
        if (current != null) {
            current.forget();
        }
        BoardTables.deleteAll(jdbc);
    }

    /** The current transaction's, begun with its first use; written by the transaction just before it commits. */
    private BoardWorkingSet workingSet() {
        BoardWorkingSet current = (BoardWorkingSet) TransactionSynchronizationManager.getResource(this);
        if (current != null) {
            return current;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the live board is read and written only within a transaction");
        }
        BoardWorkingSet started = new BoardWorkingSet(jdbc);
        TransactionSynchronizationManager.bindResource(this, started);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                try {
                    started.write();
                } catch (BoardRowsRefusedException refused) {
                    if (refusals.size() < MAX_REMEMBERED_REFUSALS) {
                        refused.refusals().forEach((project, refusal) -> {
                            if (!refusal.eventIds().isEmpty()) {
                                refusals.put(project, refusal);
                            }
                        });
                    }
                    throw refused;
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResource(JdbcBoardStore.this);
            }
        });
        return started;
    }
}
