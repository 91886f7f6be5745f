package io.taskledger.projections.board;

import io.taskledger.projections.jdbc.JdbcTable;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.taskledger.projections.board.BoardTables.ATTEMPTS;
import static io.taskledger.projections.board.BoardTables.ESCALATIONS;
import static io.taskledger.projections.board.BoardTables.MEMBERS;
import static io.taskledger.projections.board.BoardTables.PROJECTS;
import static io.taskledger.projections.board.BoardTables.TASKS;

/**
 * Brings one project's board rows to the rebuilt ones with plain JDBC, writing only the rows that differ: each table's
 * current rows are read, compared with the rows the rebuilt board gives, and the differences deleted, updated and
 * inserted in one batch per table and kind. A rebuild mostly finds the rows right, and deleting and inserting them
 * all again took most of the database's time (and through JPA, persist and flush took most of the server's). Runs in
 * the caller's transaction.
 */
final class BoardRowWriter {

    private final JdbcTemplate jdbc;

    BoardRowWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the project's rows those of the rebuilt board. */
    void replace(UUID projectId, InMemoryBoardStore rebuilt) {
        Map<JdbcTable<?>, JdbcTable.Changes> changes = new LinkedHashMap<>();
        changes.put(PROJECTS, changes(PROJECTS, projectId, List.of(rebuilt.project(projectId).orElseThrow())));
        changes.put(TASKS, changes(TASKS, projectId, rebuilt.tasksOf(projectId)));
        changes.put(ATTEMPTS, changes(ATTEMPTS, projectId, rebuilt.attemptsOf(projectId)));
        changes.put(ESCALATIONS, changes(ESCALATIONS, projectId, rebuilt.escalationsOf(projectId)));
        changes.put(MEMBERS, changes(MEMBERS, projectId, rebuilt.membersOf(projectId)));
        BoardTables.write(jdbc, changes);
    }

    /**
     * What to delete, update and insert to turn the project's stored rows into the rebuilt ones. Rows are compared by
     * value: a row whose stored values are exactly those that would be written stays. Rows the database numbers (the
     * escalations) cannot be matched by key, so they are compared as the project's whole list in the order written.
     */
    private <E> JdbcTable.Changes changes(JdbcTable<E> table, UUID projectId, List<E> rebuiltEntities) {
        List<List<Object>> current = jdbc.query(table.selectWhere("project_id = ?"), table.reader(), projectId)
                .stream().map(table::row).toList();
        List<List<Object>> rebuilt = rebuiltEntities.stream().map(table::row).toList();
        if (table.generatedKey()) {
            boolean same = current.stream().map(table::comparable).toList()
                    .equals(rebuilt.stream().map(table::comparable).toList());
            return same ? new JdbcTable.Changes(List.of(), List.of(), List.of())
                    : new JdbcTable.Changes(current.stream().map(table::rowKey).toList(), List.of(), rebuilt);
        }
        Map<List<Object>, List<Object>> stored = new LinkedHashMap<>();
        current.forEach(row -> stored.put(table.rowKey(row), row));
        List<List<Object>> updated = new ArrayList<>();
        List<List<Object>> inserted = new ArrayList<>();
        for (List<Object> row : rebuilt) {
            List<Object> before = stored.remove(table.rowKey(row));
            if (before == null) {
                inserted.add(row);
            } else if (!before.equals(row)) {
                updated.add(row);
            }
        }
        return new JdbcTable.Changes(stored.keySet().stream().toList(), updated, inserted);
    }
}
