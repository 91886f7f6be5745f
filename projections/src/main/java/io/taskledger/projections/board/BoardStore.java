package io.taskledger.projections.board;

import java.util.Optional;
import java.util.UUID;

/**
 * Where the board's rows live. {@link TaskBoardProjection} changes the board only through this, so the same
 * projection code builds the live board in PostgreSQL ({@link JdbcBoardStore}) and a board of the past in memory
 * ({@link InMemoryBoardStore}, for time travel).
 */
interface BoardStore {

    Optional<BoardProject> project(UUID projectId);

    Optional<BoardTask> task(UUID projectId, String taskKey);

    Optional<BoardAttempt> attempt(UUID projectId, String taskKey, int number);

    Optional<BoardEscalation> openEscalation(UUID projectId, String taskKey);

    void add(BoardProject project);

    void add(BoardTask task);

    void add(BoardAttempt attempt);

    void add(BoardEscalation escalation);

    Optional<BoardMember> member(UUID projectId, String username);

    void add(BoardMember member);

    void remove(BoardMember member);

    /**
     * An event of the project is about to be handled. The live board refuses (throws) the first event of a project
     * whose rows the database refused when this batch was tried before, so that the dead-letter queue parks it.
     */
    default void handling(UUID projectId, String eventId) {
    }

    /** Forgets every row: the start of a replay. */
    void clear();
}
