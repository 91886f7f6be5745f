package io.taskledger.infra.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresRestartTest {

    @Test
    void data_written_before_a_restart_is_there_after_it(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgresConfiguration.start(dataDir, false, Map.of())) {
            JdbcTemplate jdbc = new JdbcTemplate(first.getPostgresDatabase());
            // Durable, whatever zonky's defaults for throwaway test databases are.
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
            jdbc.execute("CREATE TABLE survivor (name text)");
            jdbc.update("INSERT INTO survivor VALUES ('kept')");
        }

        try (EmbeddedPostgres second = EmbeddedPostgresConfiguration.start(dataDir, false, Map.of())) {
            DataSource dataSource = second.getPostgresDatabase();
            assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT name FROM survivor", String.class))
                    .isEqualTo("kept");
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
    }
}
