package io.taskledger.projections.board;

import io.taskledger.api.query.EscalationView;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import io.taskledger.projections.jdbc.JdbcTable;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static io.taskledger.projections.board.BoardTables.ESCALATIONS;

/**
 * The board rows one transaction of the live projection works on: each read from PostgreSQL the first time an event
 * needs it, changed in memory by the events that follow, and written once, by {@link #write}, where it changed.
 * Rows are held with the values they had when read, so a row no event changed is not written at all.
 *
 * <p>The write runs under a savepoint. Should the database refuse it (a value it cannot store, a constraint), each
 * project's rows are tried alone, under savepoints of their own, to find whose it refuses; {@link #write} then
 * throws {@link BoardRowsRefusedException} naming them, with the events of theirs this transaction handled.
 */
final class BoardWorkingSet {

    /** A row as this transaction knows it. */
    private static final class Row<E> {

        /** The row now; null when there is none (never was, or removed in this transaction). */
        private E entity;

        /** The row's values when read; null when the database has no such row. */
        private final List<Object> stored;

        private Row(E entity, List<Object> stored) {
            this.entity = entity;
            this.stored = stored;
        }
    }

    private static final String OPEN_ESCALATIONS_OF_TASK =
            ESCALATIONS.selectWhere("project_id = ? AND task_key = ? AND status = ?");

    private final JdbcTemplate jdbc;
    /** By table, then by key. */
    private final Map<JdbcTable<?>, Map<List<Object>, Row<?>>> rows = new HashMap<>();
    /** The events handled in this transaction, by project: those a refusal of the project's rows concerns. */
    private final Map<UUID, List<String>> eventsByProject = new HashMap<>();

    BoardWorkingSet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    <E> Optional<E> find(JdbcTable<E> table, List<Object> key) {
        Map<List<Object>, Row<E>> known = rowsOf(table);
        Row<E> row = known.get(key);
        if (row == null) {
            row = stored(table, jdbc.query(table.selectByKey(), table.reader(), key.toArray()).stream()
                    .findFirst().orElse(null));
            known.put(key, row);
        }
        return Optional.ofNullable(row.entity);
    }

    /** The task's open escalation: one opened in this transaction, or the database's, unless resolved meanwhile. */
    Optional<BoardEscalation> openEscalation(UUID projectId, String taskKey) {
        Map<List<Object>, Row<BoardEscalation>> known = rowsOf(ESCALATIONS);
        for (Row<BoardEscalation> row : known.values()) {
            if (row.entity != null && row.entity.isOpenFor(projectId, taskKey)) {
                return Optional.of(row.entity);
            }
        }
        for (BoardEscalation open : jdbc.query(OPEN_ESCALATIONS_OF_TASK, ESCALATIONS.reader(), projectId, taskKey,
                EscalationView.OPEN)) {
            List<Object> key = ESCALATIONS.keyOf(open);
            if (!known.containsKey(key)) {  // one known here is no longer open: it was looked at above
                known.put(key, stored(ESCALATIONS, open));
                return Optional.of(open);
            }
        }
        return Optional.empty();
    }

    <E> void add(JdbcTable<E> table, E entity) {
        // A row the database numbers has no key yet: it is new, known under a key of its own until written.
        List<Object> key = table.generatedKey() ? List.of(new Object()) : table.keyOf(entity);
        Map<List<Object>, Row<E>> known = rowsOf(table);
        Row<E> row = known.get(key);
        if (row == null) {
            known.put(key, new Row<>(entity, null));
        } else if (row.entity == null) {
            row.entity = entity;  // removed or looked for earlier in this transaction
        } else {
            throw new IllegalStateException("the board already has a row " + key + " in " + table.name());
        }
    }

    <E> void remove(JdbcTable<E> table, E entity) {
        Row<E> row = rowsOf(table).get(table.keyOf(entity));
        if (row == null || row.entity != entity) {
            throw new IllegalStateException("the row " + table.keyOf(entity) + " of " + table.name()
                    + " to remove was not read in this transaction");
        }
        row.entity = null;
    }

    /** Notes an event of the project handled in this transaction. */
    void handling(UUID projectId, String eventId) {
        eventsByProject.computeIfAbsent(projectId, any -> new ArrayList<>(4)).add(eventId);
    }

    private List<String> eventsOf(UUID projectId) {
        return eventsByProject.getOrDefault(projectId, List.of());
    }

    /**
     * Writes the rows that changed, one JDBC batch per table and kind, and forgets them all.
     *
     * @throws BoardRowsRefusedException the database refused the rows of the projects it names; nothing is written
     */
    void write() {
        try {
            Savepoint beforeWrite = jdbc.execute((ConnectionCallback<Savepoint>) connection -> connection.setSavepoint());
            try {
                BoardTables.write(jdbc, changes(null));
            } catch (DataAccessException refused) {
                if (!isRefusalOfData(refused)) {
                    throw refused;  // the database is unreachable or busy: the batch is tried again as it is
                }
                rollbackTo(beforeWrite);
                Map<UUID, BoardRowsRefusedException.Refusal> refusals = refusedProjects();
                if (refusals.isEmpty()) {
                    throw refused;
                }
                throw new BoardRowsRefusedException(refusals, refused);
            }
        } finally {
            forget();
        }
    }

    /** Forgets every row read or changed; the database's rows stay as they are. */
    void forget() {
        rows.clear();
        eventsByProject.clear();
    }

    /** Writes each project's rows alone, under a savepoint, and rolls back those the database refuses. */
    private Map<UUID, BoardRowsRefusedException.Refusal> refusedProjects() {
        Set<UUID> projects = new LinkedHashSet<>();
        rows.forEach((table, known) -> known.values().stream().map(row -> projectOf(table, row))
                .filter(Objects::nonNull).forEach(projects::add));
        Map<UUID, BoardRowsRefusedException.Refusal> refusals = new LinkedHashMap<>();
        for (UUID project : projects) {
            Savepoint beforeProject = jdbc.execute((ConnectionCallback<Savepoint>) connection -> connection.setSavepoint());
            try {
                BoardTables.write(jdbc, changes(project::equals));
            } catch (DataAccessException refused) {
                if (!isRefusalOfData(refused)) {
                    throw refused;
                }
                rollbackTo(beforeProject);
                refusals.put(project, new BoardRowsRefusedException.Refusal(databaseMessage(refused),
                        List.copyOf(eventsOf(project))));
            }
        }
        return refusals;
    }

    private void rollbackTo(Savepoint savepoint) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            connection.rollback(savepoint);
            return null;
        });
    }

    /** @param ofProjects the projects whose rows to take; null for all */
    private Map<JdbcTable<?>, JdbcTable.Changes> changes(Predicate<UUID> ofProjects) {
        Map<JdbcTable<?>, JdbcTable.Changes> changes = new HashMap<>();
        rows.forEach((table, known) -> changes.put(table, changes(table, known, ofProjects)));
        return changes;
    }

    /** Null for a row looked for and not found: there is nothing to write. */
    @SuppressWarnings("unchecked")
    private static <E> UUID projectOf(JdbcTable<E> table, Row<?> row) {
        Row<E> typed = (Row<E>) row;
        if (typed.stored != null) {
            return table.projectOf(typed.stored);
        }
        return typed.entity == null ? null : table.projectOf(table.row(typed.entity));
    }

    /**
     * Whether the database refused the values themselves (SQL states of class 22, data exception, and 23, integrity
     * constraint violation), which trying again cannot cure, rather than being unreachable or busy.
     */
    static boolean isRefusalOfData(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException each = sql; each != null; each = each.getNextException()) {
                    String state = each.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String databaseMessage(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                SQLException last = sql;
                while (last.getNextException() != null) {
                    last = last.getNextException();
                }
                message = last.getMessage();
            }
        }
        return message;
    }

    private static <E> JdbcTable.Changes changes(JdbcTable<E> table, Map<List<Object>, Row<?>> known,
                                                  Predicate<UUID> ofProjects) {
        List<List<Object>> deleted = new ArrayList<>();
        List<List<Object>> updated = new ArrayList<>();
        List<List<Object>> inserted = new ArrayList<>();
        for (Row<?> untyped : known.values()) {
            @SuppressWarnings("unchecked")
            Row<E> row = (Row<E>) untyped;
            if (ofProjects != null && !ofProjects.test(projectOf(table, row))) {
                continue;
            }
            if (row.entity == null) {
                if (row.stored != null) {
                    deleted.add(table.rowKey(row.stored));
                }
                continue;
            }
            List<Object> now = table.row(row.entity);
            if (row.stored == null) {
                inserted.add(now);
            } else if (!now.equals(row.stored)) {
                updated.add(now);
            }
        }
        return new JdbcTable.Changes(deleted, updated, inserted);
    }

    private static <E> Row<E> stored(JdbcTable<E> table, E entity) {
        return new Row<>(entity, entity == null ? null : table.row(entity));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <E> Map<List<Object>, Row<E>> rowsOf(JdbcTable<E> table) {
        return (Map) rows.computeIfAbsent(table, any -> new LinkedHashMap<>());
    }
}
