package io.taskledger.projections.jdbc;

import io.taskledger.projections.StorableText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One board table as plain JDBC sees it: its key and other columns, how an entity becomes the values of a row and a
 * row an entity again, and the statements that read and write it. A row's values are the entity's own (enums,
 * instants, immutable lists), compared as they are to find the rows that changed; each column encodes them only when
 * they are written. Each write is one JDBC batch: one round trip, and the driver sends a batch of inserts as
 * multi-row inserts ({@code reWriteBatchedInserts}). The definitions are in {@link JdbcTables}.
 *
 * <p>The statements are built once, here: the live board reads and writes through them for every batch of events.
 */
public final class JdbcTable<E> {

    /** The column naming the project a row belongs to, in the tables that have one (the board's). */
    public static final String PROJECT_ID = "project_id";

    /** A column, and how a value of the entity's becomes the column's. */
    public record Column(String name, int sqlType, Function<Object, Object> encoding) {

        public static Column uuid(String name) {
            return new Column(name, Types.OTHER, Function.identity());
        }

        /** Stored without NUL, which PostgreSQL's text refuses ({@link StorableText}). */
        public static Column text(String name) {
            return new Column(name, Types.VARCHAR, value -> StorableText.of((String) value));
        }

        public static Column integer(String name) {
            return new Column(name, Types.INTEGER, Function.identity());
        }

        public static Column bigint(String name) {
            return new Column(name, Types.BIGINT, Function.identity());
        }

        public static Column bool(String name) {
            return new Column(name, Types.BOOLEAN, Function.identity());
        }

        /** By name, as {@code @Enumerated(EnumType.STRING)} maps it. */
        public static Column enumerated(String name) {
            return new Column(name, Types.VARCHAR, value -> ((Enum<?>) value).name());
        }

        /** As Hibernate binds an {@link Instant} to a {@code timestamp with time zone} column on PostgreSQL. */
        public static Column timestamp(String name) {
            return new Column(name, Types.TIMESTAMP_WITH_TIMEZONE, value -> ((Instant) value).atOffset(ZoneOffset.UTC));
        }

        /** A list as JSON text. */
        public static Column json(String name, JsonList<?> format) {
            return new Column(name, Types.VARCHAR, value -> format.toJson((List<?>) value));
        }
    }

    /** What to write to a table: keys of rows to delete, rows to update and rows to insert, each as {@link #row}. */
    public record Changes(List<List<Object>> deletedKeys, List<List<Object>> updated, List<List<Object>> inserted) {
    }

    private final String name;
    private final List<Column> key;
    private final List<Column> others;
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
    public JdbcTable(String name, List<Column> key, boolean generatedKey, List<Column> others,
               Function<E, List<Object>> keyOf, Function<E, List<Object>> valuesOf, RowMapper<E> reader) {
        this.name = name;
        this.key = List.copyOf(key);
        this.others = List.copyOf(others);
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
    }

    public String name() {
        return name;
    }

    /** The project a row (as {@link #row}) belongs to, in a table whose rows each belong to one. */
    public UUID projectOf(List<Object> row) {
        if (projectColumn < 0) {
            throw new IllegalStateException(name + " has no " + PROJECT_ID + " column");
        }
        return (UUID) row.get(projectColumn);
    }

    public boolean generatedKey() {
        return generatedKey;
    }

    public RowMapper<E> reader() {
        return reader;
    }

    /** The key's values of an entity; null values for a row the database has not numbered yet. */
    public List<Object> keyOf(E entity) {
        return keyOf.apply(entity);
    }

    /** The key's values, then the others': the shape of every row this class reads and writes. */
    public List<Object> row(E entity) {
        List<Object> row = new ArrayList<>(keyOf.apply(entity));
        row.addAll(valuesOf.apply(entity));
        return row;
    }

    /** The key's values of a row. */
    public List<Object> rowKey(List<Object> row) {
        return row.subList(0, key.size());
    }

    /** The values a rebuild compares: a generated key differs between the stored row and the rebuilt one. */
    public List<Object> comparable(List<Object> row) {
        return generatedKey ? row.subList(key.size(), row.size()) : row;
    }

    /** Every column, of the rows that meet the condition, in the order of the generated key if there is one. */
    public String selectWhere(String condition) {
        return select + condition + (generatedKey ? " ORDER BY " + key.get(0).name() : "");
    }

    public String selectByKey() {
        return selectByKey;
    }

    /** Every column's name: the key's, then the others'. */
    public List<String> columnNames() {
        return concat(key, others).stream().map(Column::name).toList();
    }

    /** Every column, each prefixed with {@code alias}: for a join whose other tables add other columns. */
    public String columns(String alias) {
        return concat(key, others).stream().map(column -> alias + "." + column.name())
                .collect(Collectors.joining(", "));
    }

    /** The named columns, each checked to be one of this table's: a narrower read of the same rows. */
    public String columns(String alias, String... names) {
        List<String> known = concat(key, others).stream().map(Column::name).toList();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(this.name + " has no column " + name);
            }
        }
        return Stream.of(names).map(name -> alias + "." + name).collect(Collectors.joining(", "));
    }

    /** The row with this key, if there is one. */
    public Optional<E> find(JdbcTemplate jdbc, Object... keyValues) {
        return jdbc.query(selectByKey, reader, keyValues).stream().findFirst();
    }

    /** Inserts one row. */
    public void insert(JdbcTemplate jdbc, E entity) {
        insert(jdbc, List.of(row(entity)));
    }

    /** Updates one row, found by its key. */
    public void update(JdbcTemplate jdbc, E entity) {
        update(jdbc, List.of(row(entity)));
    }

    public void delete(JdbcTemplate jdbc, List<List<Object>> keys) {
        batch(jdbc, delete, keys, key);
    }

    public void update(JdbcTemplate jdbc, List<List<Object>> rows) {
        batch(jdbc, update, rows.stream().map(row -> concat(row.subList(key.size(), row.size()), rowKey(row)))
                .toList(), updated);
    }

    public void insert(JdbcTemplate jdbc, List<List<Object>> rows) {
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

    /** An instant from a {@code timestamp with time zone} column; null when the column is. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    /** An enum constant by name; null when the column is. */
    public static <T extends Enum<T>> T enumValue(Class<T> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** Values in column order; a list that, unlike {@code List.of}, holds nulls. */
    public static List<Object> values(Object... values) {
        return Arrays.asList(values);
    }

    private static String names(List<Column> columns, String separator) {
        return columns.stream().map(Column::name).collect(Collectors.joining(separator));
    }

    private static <T> List<T> concat(List<? extends T> first, List<? extends T> second) {
        return Stream.concat(first.stream(), second.stream()).collect(Collectors.toList());
    }
}
