package io.taskledger.command.infrastructure;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.api.ids.ProjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import java.sql.Connection;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lookup table behind unique project keys, on the real migration (H2 in PostgreSQL mode). */
class JdbcProjectKeyRegistryTest {

    private static final String MIGRATION = "../infra/src/main/resources/db/migration/V3__project_key_registry.sql";

    private JdbcProjectKeyRegistry registry;

    @BeforeEach
    void createTable() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new FileSystemResource(MIGRATION));
        }
        registry = new JdbcProjectKeyRegistry(new JdbcTemplate(dataSource));
    }

    @Test
    void a_created_project_takes_its_key_in_any_case() {
        assertThat(registry.isTaken("tlg")).isFalse();

        registry.on(new ProjectCreated(ProjectId.random(), "TLG", "Taskledger", null));

        assertThat(registry.isTaken("tlg")).isTrue();
        assertThat(registry.isTaken("Tlg")).isTrue();
        assertThat(registry.isTaken("tlg2")).isFalse();
    }

    @Test
    void a_key_taken_by_a_racing_creation_refuses_the_second_one() {
        registry.on(new ProjectCreated(ProjectId.random(), "TLG", "Taskledger", null));

        assertThatThrownBy(() -> registry.on(new ProjectCreated(ProjectId.random(), "tlg", "Other", null)))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.DUPLICATE_PROJECT_KEY));
    }
}
