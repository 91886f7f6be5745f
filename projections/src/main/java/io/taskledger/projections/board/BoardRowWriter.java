package io.taskledger.projections.board;

import io.taskledger.api.query.AttemptView;
import io.taskledger.api.query.EscalationView;
import io.taskledger.projections.json.CriterionResultListConverter;
import io.taskledger.projections.json.StepListConverter;
import io.taskledger.projections.json.TaskKeyListConverter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Brings one project's board rows to the rebuilt ones with plain JDBC, writing only the rows that differ: each table's
 * current rows are read, compared column by column with the rows the rebuilt board gives, and the differences
 * deleted, updated and inserted in one batch per table and kind (the driver sends a batch of inserts as multi-row
 * inserts). A rebuild mostly finds the rows right, and deleting and inserting them all again took most of the
 * database's time (and through JPA, persist and flush took most of the server's). The columns and their encodings are
 * the entities' mappings: enums by name, lists as JSON through the entities' own converters, instants as Hibernate
 * binds them. Runs in the caller's transaction.
 */
final class BoardRowWriter {

    private static final StepListConverter STEPS = new StepListConverter();
    private static final TaskKeyListConverter TASK_KEYS = new TaskKeyListConverter();
    private static final CriterionResultListConverter CRITERION_RESULTS = new CriterionResultListConverter();

    private record Column(String name, int sqlType) {
    }

    /**
     * A board table: its columns, those of its key first; {@code keyColumns} is 0 for a table whose key is
     * generated (the escalations: their rows are compared as the project's whole list, in the order they were written).
     */
    private record Table(String name, int keyColumns, List<Column> columns) {

        Table(String name, int keyColumns, Column... columns) {
            this(name, keyColumns, List.of(columns));
        }

        String select() {
            return "SELECT " + names(columns) + " FROM " + name + " WHERE project_id = ?"
                    + (keyColumns == 0 ? " ORDER BY id" : "");
        }

        String insert() {
            return "INSERT INTO " + name + " (" + names(columns) + ") VALUES ("
                    + columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
        }

        String update() {
            return "UPDATE " + name + " SET " + names(settable(), " = ?, ") + " = ? WHERE " + keyMatch();
        }

        String delete() {
            return "DELETE FROM " + name + " WHERE " + (keyColumns == 0 ? "project_id = ?" : keyMatch());
        }

        List<Column> key() {
            return columns.subList(0, keyColumns);
        }

        /** The columns an update sets: all but the key's. */
        List<Column> settable() {
            return columns.subList(keyColumns, columns.size());
        }

        private String keyMatch() {
            return names(key(), " = ? AND ") + " = ?";
        }

        private static String names(List<Column> columns) {
            return names(columns, ", ");
        }

        private static String names(List<Column> columns, String separator) {
            return columns.stream().map(Column::name).collect(Collectors.joining(separator));
        }
    }

    private static final Table PROJECTS = new Table("board_project", 1, uuid("project_id"), text("project_key"),
            text("name"), text("description"), bool("archived"), timestamp("created_at"), bigint("version"));
    private static final Table TASKS = new Table("board_task", 2, uuid("project_id"), text("task_key"),
            text("level"), text("parent_key"), text("title"), text("description"), text("status"), text("assignee"),
            text("priority"), integer("max_retries"), text("on_failure"), text("escalate_to"),
            integer("timeout_minutes"), text("prerequisites"), text("steps"), integer("position"), bool("leaf"),
            integer("attempts"));
    private static final Table ATTEMPTS = new Table("board_attempt", 3, uuid("project_id"), text("task_key"),
            integer("number"), text("agent"), text("outcome"), text("failure_reason"), timestamp("started_at"),
            timestamp("lease_expires_at"), timestamp("ended_at"), text("results"));
    private static final Table ESCALATIONS = new Table("board_escalation", 0, uuid("project_id"), text("task_key"),
            text("status"), text("escalate_to"), integer("attempts"), timestamp("escalated_at"),
            text("failed_criteria"), bool("last_attempt_timed_out"), text("decision"), text("justification"),
            timestamp("resolved_at"));
    private static final Table MEMBERS = new Table("board_member", 2, uuid("project_id"), text("username"),
            text("role"));

    /** The tables' foreign keys: parents are written before their children, children deleted before parents. */
    private static final List<Table> PARENTS_FIRST = List.of(PROJECTS, TASKS, ATTEMPTS, ESCALATIONS, MEMBERS);
    private static final List<Table> CHILDREN_FIRST = reversed(PARENTS_FIRST);

    private record Changes(List<List<Object>> deleted, List<List<Object>> updated, List<List<Object>> inserted) {
    }

    private final JdbcTemplate jdbc;

    BoardRowWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the project's rows those of the rebuilt board. */
    void replace(UUID projectId, InMemoryBoardStore rebuilt) {
        Map<Table, Changes> changes = new LinkedHashMap<>();
        rows(projectId, rebuilt).forEach((table, rows) ->
                changes.put(table, changes(table, current(table, projectId), rows)));
        for (Table table : CHILDREN_FIRST) {
            List<List<Object>> deleted = changes.get(table).deleted();
            if (deleted.isEmpty()) {
                continue;
            }
            if (table.keyColumns() == 0) {
                jdbc.update(table.delete(), projectId);
            } else {
                write(table.delete(), deleted.stream().map(row -> row.subList(0, table.keyColumns())).toList(),
                        table.key());
            }
        }
        for (Table table : PARENTS_FIRST) {
            List<Column> keyLast = concat(table.settable(), table.key());
            write(table.update(), changes.get(table).updated().stream()
                    .map(row -> concat(row.subList(table.keyColumns(), row.size()), row.subList(0, table.keyColumns())))
                    .toList(), keyLast);
            write(table.insert(), changes.get(table).inserted(), table.columns());
        }
    }

    /** The rebuilt board's rows, table by table, as their columns' values. */
    private static Map<Table, List<List<Object>>> rows(UUID projectId, InMemoryBoardStore rebuilt) {
        BoardProject project = rebuilt.project(projectId).orElseThrow();
        Map<Table, List<List<Object>>> rows = new LinkedHashMap<>();
        rows.put(PROJECTS, List.of(values(projectId, project.getKey(), project.getName(), project.getDescription(),
                project.isArchived(), timestamp(project.getCreatedAt()), project.getVersion())));
        rows.put(TASKS, rebuilt.tasksOf(projectId).stream().map(task -> values(projectId, task.getKey().value(),
                task.getLevel().name(), task.getParent() == null ? null : task.getParent().value(), task.getTitle(),
                task.getDescription(), task.getStatus().name(), task.getAssignee(), task.getPriority().name(),
                task.getMaxRetries(), task.getOnFailure().name(), task.getEscalateTo(), task.getTimeoutMinutes(),
                TASK_KEYS.convertToDatabaseColumn(task.getPrerequisites()),
                STEPS.convertToDatabaseColumn(task.getSteps()), task.getPosition(), task.isLeaf(),
                task.getAttempts())).toList());
        rows.put(ATTEMPTS, rebuilt.attemptsOf(projectId).stream().map(attempt -> {
            AttemptView view = attempt.toView();
            return values(projectId, attempt.id().taskKey(), view.number(), view.agent(), view.outcome(),
                    view.failureReason() == null ? null : view.failureReason().name(), timestamp(view.startedAt()),
                    timestamp(view.leaseExpiresAt()), timestamp(view.endedAt()),
                    CRITERION_RESULTS.convertToDatabaseColumn(view.results()));
        }).toList());
        rows.put(ESCALATIONS, rebuilt.escalationsOf(projectId).stream().map(escalation -> {
            EscalationView view = escalation.toView(project,
                    rebuilt.task(projectId, escalation.taskKey()).orElseThrow());
            return values(projectId, escalation.taskKey(), view.status(), view.escalateTo(), view.attempts(),
                    timestamp(view.escalatedAt()), CRITERION_RESULTS.convertToDatabaseColumn(view.failedCriteria()),
                    view.lastAttemptTimedOut(), view.decision() == null ? null : view.decision().name(),
                    view.justification(), timestamp(view.resolvedAt()));
        }).toList());
        rows.put(MEMBERS, rebuilt.membersOf(projectId).stream()
                .map(member -> values(projectId, member.getUsername(), member.getRole().name())).toList());
        return rows;
    }

    /**
     * What to delete, update and insert to turn {@code current} into {@code rebuilt}. Rows are compared by value, as
     * read back from the columns: a row whose stored values are exactly those that would be written stays.
     */
    private static Changes changes(Table table, List<List<Object>> current, List<List<Object>> rebuilt) {
        if (table.keyColumns() == 0) {
            return current.equals(rebuilt) ? new Changes(List.of(), List.of(), List.of())
                    : new Changes(current, List.of(), rebuilt);
        }
        Map<List<Object>, List<Object>> stored = new LinkedHashMap<>();
        current.forEach(row -> stored.put(row.subList(0, table.keyColumns()), row));
        List<List<Object>> updated = new ArrayList<>();
        List<List<Object>> inserted = new ArrayList<>();
        for (List<Object> row : rebuilt) {
            List<Object> before = stored.remove(row.subList(0, table.keyColumns()));
            if (before == null) {
                inserted.add(row);
            } else if (!before.equals(row)) {
                updated.add(row);
            }
        }
        return new Changes(List.copyOf(stored.values()), updated, inserted);
    }

    private List<List<Object>> current(Table table, UUID projectId) {
        return jdbc.query(table.select(), (result, number) -> {
            List<Object> row = new ArrayList<>(table.columns().size());
            for (int column = 1; column <= table.columns().size(); column++) {
                row.add(read(result, column));
            }
            return row;
        }, projectId);
    }

    /** A column's value as {@link #rows} gives it: instants as {@link OffsetDateTime}s in UTC. */
    private static Object read(ResultSet result, int column) throws SQLException {
        Object value = result.getObject(column);
        return value instanceof Timestamp ? result.getObject(column, OffsetDateTime.class) : value;
    }

    /** One batch: the driver sends it in one round trip, inserts rewritten as multi-row inserts. */
    private void write(String sql, List<List<Object>> rows, List<Column> columns) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(sql, rows, rows.size(), (statement, row) -> bind(statement, row, columns));
    }

    private static void bind(PreparedStatement statement, List<Object> row, List<Column> columns)
            throws SQLException {
        for (int index = 0; index < row.size(); index++) {
            Object value = row.get(index);
            int sqlType = columns.get(index).sqlType();
            if (value == null) {
                statement.setNull(index + 1, sqlType);
            } else {
                statement.setObject(index + 1, value, sqlType);
            }
        }
    }

    /** An update's parameters: the values it sets, then the key it matches. */
    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> reversed = new ArrayList<>(list);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    /** Values in column order; a list that, unlike {@code List.of}, holds nulls. */
    private static List<Object> values(Object... values) {
        return Arrays.asList(values);
    }

    /** As Hibernate binds an {@link Instant} to a {@code timestamp with time zone} column on PostgreSQL. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Column uuid(String name) {
        return new Column(name, Types.OTHER);
    }

    private static Column text(String name) {
        return new Column(name, Types.VARCHAR);
    }

    private static Column integer(String name) {
        return new Column(name, Types.INTEGER);
    }

    private static Column bigint(String name) {
        return new Column(name, Types.BIGINT);
    }

    private static Column bool(String name) {
        return new Column(name, Types.BOOLEAN);
    }

    private static Column timestamp(String name) {
        return new Column(name, Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
