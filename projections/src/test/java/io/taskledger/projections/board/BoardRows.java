package io.taskledger.projections.board;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** A project's rows in the board tables, read with plain SQL, for tests to compare. */
final class BoardRows {

    static final List<String> TABLES = List.of("board_project", "board_task", "board_attempt", "board_escalation",
            "board_member");

    private BoardRows() {
    }

    /**
     * Every row of the project in every board table, as text in key order. The generated escalation id and the
     * project id are left out, so that two projects with the same history compare equal.
     */
    static Map<String, List<String>> of(JdbcTemplate jdbc, UUID projectId) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " WHERE project_id = ? ORDER BY "
                    + (table.equals("board_escalation") ? "id" : "1, 2, 3"), projectId).stream()
                    .map(row -> {
                        Map<String, Object> comparable = new TreeMap<>(row);
                        comparable.keySet().removeAll(Set.of("id", "project_id"));
                        return comparable.toString();
                    })
                    .toList());
        }
        return rows;
    }

    /** The task rows' row versions ({@code xmin}: it changes when a row is written), by task key. */
    static Map<String, String> taskVersions(JdbcTemplate jdbc, UUID projectId) {
        Map<String, String> versions = new TreeMap<>();
        jdbc.query("SELECT task_key, xmin::text FROM board_task WHERE project_id = ?",
                (RowCallbackHandler) row -> versions.put(row.getString(1), row.getString(2)), projectId);
        return versions;
    }
}
