package io.taskledger.projections.board;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.taskledger.projections.board.BoardTables.ATTEMPTS;
import static io.taskledger.projections.board.BoardTables.ESCALATIONS;
import static io.taskledger.projections.board.BoardTables.MEMBERS;
import static io.taskledger.projections.board.BoardTables.PROJECTS;
import static io.taskledger.projections.board.BoardTables.TASKS;

/**
 * The live board: rows in PostgreSQL, read and written with plain JDBC in the event processor's transaction. The
 * transaction's {@link BoardWorkingSet} reads each row once, and writes the changed ones just before the transaction
 * commits, so a batch of events costs one statement per row read and one JDBC batch per table written. Through JPA the
 * same work took about half of the projection's CPU (docs/benchmarks.md, fifth pass).
 */
@Component
class JdbcBoardStore implements BoardStore {

    private final JdbcTemplate jdbc;

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
                started.write();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResource(JdbcBoardStore.this);
            }
        });
        return started;
    }
}
