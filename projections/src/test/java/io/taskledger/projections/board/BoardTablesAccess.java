package io.taskledger.projections.board;

import io.taskledger.projections.jdbc.JdbcTable;

import java.util.List;

/** The board's table descriptions, for tests outside the package. */
public final class BoardTablesAccess {

    private BoardTablesAccess() {
    }

    public static List<JdbcTable<?>> all() {
        return List.of(BoardTables.PROJECTS, BoardTables.TASKS, BoardTables.ATTEMPTS, BoardTables.ESCALATIONS,
                BoardTables.MEMBERS);
    }
}
