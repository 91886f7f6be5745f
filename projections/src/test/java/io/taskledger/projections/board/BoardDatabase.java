package io.taskledger.projections.board;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Duration;

/**
 * The least the board needs to run against a real PostgreSQL: this module's own read-model migrations applied by
 * Flyway, as the server applies them, and JDBC transactions.
 */
@Configuration
@EnableTransactionManagement
@Import({TaskBoardProjection.class, JdbcBoardStore.class, TaskBoardQueries.class, BoardReads.class})
class BoardDatabase {

    /** The read models' migrations ship with this module. */
    static final String MIGRATIONS = "classpath:db/read-models";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres postgres() throws IOException {
        return EmbeddedPostgres.start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
        return dataSource;
    }

    /**
     * With the server's defaults, set here: this plain Spring context converts no "5s" durations. No event store
     * here: a read that waits in vain for a project the board does not show is answered not found.
     */
    @Bean
    ProjectReadAccess projectReadAccess(BoardReads board) {
        return new ProjectReadAccess((projectId, viewer) -> board.visibleVersion(projectId.value(),
                viewer.role().readsEverything(), viewer.username()), (projectId, viewer) -> false,
                Duration.ofSeconds(5), 8);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(JdbcTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }
}
