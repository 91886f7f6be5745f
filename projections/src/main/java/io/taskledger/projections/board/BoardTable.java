package io.taskledger.projections.board;

import io.taskledger.projections.StorableText;
import jakarta.persistence.AttributeConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One board table as plain JDBC sees it: its key and other columns, how an entity becomes the values of a row and a
 * row an entity again, and the statements that read and write it. A row's values are the entity's own (enums,
 * instants, immutable lists), compared as they are to find the rows that changed; each column encodes them only when
 * they are written. Each write is one JDBC batch: one round trip, and the driver sends a batch of inserts as
 * multi-row inserts ({@code reWriteBatchedInserts}). The definitions are in {@link BoardTables}.
 *
 * <p>The statements are built once, here: the live board reads and writes through them for every batch of events.
 */
final class BoardTable<E> {

    static final String PROJECT_ID = "project_id";

    /** A column, and how a value of the entity's becomes the column's. */
    record Column(String name, int sqlType, Function<Object, Object> encoding) {

        static Column uuid(String name) {
            return new Column(name, Types.OTHER, Function.identity());
        }

        /** Stored without NUL, which PostgreSQL's text refuses ({@link StorableText}). */
        static Column text(String name) {
            return new Column(name, Types.VARCHAR, value -> StorableText.of((String) value));
        }

        static Column integer(String name) {
            return new Column(name, Types.INTEGER, Function.identity());
        }

        static Column bigint(String name) {
            return new Column(name, Types.BIGINT, Function.identity());
        }

        static Column bool(String name) {
            return new Column(name, Types.BOOLEAN, Function.identity());
        }

        /** By name, as {@code @Enumerated(EnumType.STRING)} maps it. */
        static Column enumerated(String name) {
            return new Column(name, Types.VARCHAR, value -> ((Enum<?>) value).name());
        }

        /** As Hibernate binds an {@link Instant} to a {@code timestamp with time zone} column on PostgreSQL. */
        static Column timestamp(String name) {
            return new Column(name, Types.TIMESTAMP_WITH_TIMEZONE, value -> ((Instant) value).atOffset(ZoneOffset.UTC));
        }

        /** A list as JSON text, through the entity's own converter. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        static Column json(String name, AttributeConverter<? extends List<?>, String> converter) {
            AttributeConverter<Object, String> toJson = (AttributeConverter) converter;
            return new Column(name, Types.VARCHAR, toJson::convertToDatabaseColumn);
        }
    }

    /** What to write to a table: keys of rows to delete, rows to update and rows to insert, each as {@link #row}. */
    record Changes(List<List<Object>> deletedKeys, List<List<Object>> updated, List<List<Object>> inserted) {
    }

    private final String name;
    private final List<Column> key;
    private final boolean generatedKey;
    private final Function<E, List<Object>> keyOf;
    private final Function<E, List<Object>> valuesOf;
    private final RowMapper<E> reader;
    private final String select;
    private final String selectByKey;
    private final String insert;
    private final List<Column> inserted;
    private final String update;
    private final List<Column> updated;
    private final String delete;
    private final int projectColumn;

    /**
     * @param key          the columns that identify a row
     * @param generatedKey the database numbers new rows (the escalations): an insert leaves the key out
     * @param others       the other columns
     * @param keyOf        the key's values of an entity
     * @param valuesOf     the other columns' values of an entity
     * @param reader       an entity from a row of {@code key} and {@code others}
     */
    BoardTable(String name, List<Column> key, boolean generatedKey, List<Column> others,
               Function<E, List<Object>> keyOf, Function<E, List<Object>> valuesOf, RowMapper<E> reader) {
        this.name = name;
        this.key = List.copyOf(key);
        this.generatedKey = generatedKey;
        this.keyOf = keyOf;
        this.valuesOf = valuesOf;
        this.reader = reader;
        String keyMatch = names(key, " = ? AND ") + " = ?";
        this.select = "SELECT " + names(concat(key, others), ", ") + " FROM " + name + " WHERE ";
        this.selectByKey = select + keyMatch;
        this.inserted = generatedKey ? List.copyOf(others) : concat(key, others);
        this.insert = "INSERT INTO " + name + " (" + names(inserted, ", ") + ") VALUES ("
                + inserted.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
        this.updated = concat(others, key);
        this.update = "UPDATE " + name + " SET " + names(others, " = ?, ") + " = ? WHERE " + keyMatch;
        this.delete = "DELETE FROM " + name + " WHERE " + keyMatch;
        this.projectColumn = concat(key, others).stream().map(Column::name).toList().indexOf(PROJECT_ID);
        if (projectColumn < 0) {
            throw new IllegalArgumentException(name + " has no " + PROJECT_ID + " column");
        }
    }

    String name() {
        return name;
    }

    /** The project a row (as {@link #row}) belongs to: every board row belongs to one. */
    UUID projectOf(List<Object> row) {
        return (UUID) row.get(projectColumn);
    }

    boolean generatedKey() {
        return generatedKey;
    }

    RowMapper<E> reader() {
        return reader;
    }

    /** The key's values of an entity; null values for a row the database has not numbered yet. */
    List<Object> keyOf(E entity) {
        return keyOf.apply(entity);
    }

    /** The key's values, then the others': the shape of every row this class reads and writes. */
    List<Object> row(E entity) {
        List<Object> row = new ArrayList<>(keyOf.apply(entity));
        row.addAll(valuesOf.apply(entity));
        return row;
    }

    /** The key's values of a row. */
    List<Object> rowKey(List<Object> row) {
        return row.subList(0, key.size());
    }

    /** The values a rebuild compares: a generated key differs between the stored row and the rebuilt one. */
    List<Object> comparable(List<Object> row) {
        return generatedKey ? row.subList(key.size(), row.size()) : row;
    }

    /** Every column, of the rows that meet the condition, in the order of the generated key if there is one. */
    String selectWhere(String condition) {
        return select + condition + (generatedKey ? " ORDER BY " + key.get(0).name() : "");
    }

    String selectByKey() {
        return selectByKey;
    }

    void delete(JdbcTemplate jdbc, List<List<Object>> keys) {
        batch(jdbc, delete, keys, key);
    }

    void update(JdbcTemplate jdbc, List<List<Object>> rows) {
        batch(jdbc, update, rows.stream().map(row -> concat(row.subList(key.size(), row.size()), rowKey(row)))
                .toList(), updated);
    }

    void insert(JdbcTemplate jdbc, List<List<Object>> rows) {
        batch(jdbc, insert, generatedKey ? rows.stream().map(row -> row.subList(key.size(), row.size())).toList()
                : rows, inserted);
    }

    private static void batch(JdbcTemplate jdbc, String sql, List<List<Object>> rows, List<Column> columns) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows, rows.size(), (statement, row) -> bind(statement, row, columns));
        }
    }

    private static void bind(PreparedStatement statement, List<Object> values, List<Column> columns)
            throws SQLException {
        for (int index = 0; index < values.size(); index++) {
            Object value = values.get(index);
            Column column = columns.get(index);
            if (value == null) {
                statement.setNull(index + 1, column.sqlType());
            } else {
                statement.setObject(index + 1, column.encoding().apply(value), column.sqlType());
            }
        }
    }

    private static String names(List<Column> columns, String separator) {
        return columns.stream().map(Column::name).collect(Collectors.joining(separator));
    }

    private static <T> List<T> concat(List<? extends T> first, List<? extends T> second) {
        return Stream.concat(first.stream(), second.stream()).collect(Collectors.toList());
    }
}
