package io.taskledger.projections;

import io.taskledger.projections.board.BoardTablesAccess;
import io.taskledger.projections.jdbc.JdbcTable;
import io.taskledger.projections.users.DirectoryTableAccess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each read-model table is described once ({@link JdbcTable}); its schema comes from this module's own migrations.
 * The two must agree exactly: every column the migrations create is described (so a new column cannot be written
 * by one path and forgotten by another), and every described column exists.
 */
class ReadModelSchemaTest {

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() throws IOException {
        postgres = EmbeddedPostgres.start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/read-models").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void every_read_model_table_is_described_column_for_column() {
        List<JdbcTable<?>> described = new ArrayList<>(BoardTablesAccess.all());
        described.add(DirectoryTableAccess.table());
        List<String> migrated = jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_name <> 'flyway_schema_history'""", String.class);

        assertThat(described).extracting(JdbcTable::name).containsExactlyInAnyOrderElementsOf(migrated);
        for (JdbcTable<?> table : described) {
            List<String> columns = jdbc.queryForList("""
                    select column_name from information_schema.columns
                    where table_schema = 'public' and table_name = ?""", String.class, table.name());
            assertThat(table.columnNames()).as(table.name()).containsExactlyInAnyOrderElementsOf(columns);
            jdbc.query(table.selectWhere("false"), table.reader());  // the statements name real columns
        }
    }
}
