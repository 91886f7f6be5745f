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

    /** Forgets every row: the start of a replay. */
    void clear();
}
