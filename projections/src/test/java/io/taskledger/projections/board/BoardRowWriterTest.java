package io.taskledger.projections.board;

import io.taskledger.api.ids.ProjectId;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild writes a project's rows from a board replayed in memory: they must become exactly the rows the live
 * projection wrote for the same events, every column of every table, nulls, JSON lists and instants included, and
 * only the rows that differ are written.
 */
class BoardRowWriterTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private static AnnotationConfigApplicationContext context;
    private static AnnotationEventHandlerAdapter live;
    private static TransactionTemplate transactions;
    private static JdbcTemplate jdbc;

    private final ProjectHistory history = new ProjectHistory(START);
    private final ProjectId projectId = history.projectId;

    @BeforeAll
    static void startDatabase() {
        context = new AnnotationConfigApplicationContext(BoardDatabase.class);
        live = new AnnotationEventHandlerAdapter(context.getBean(TaskBoardProjection.class));
        transactions = context.getBean(TransactionTemplate.class);
        jdbc = new JdbcTemplate(context.getBean(DataSource.class));
    }

    @AfterAll
    static void stopDatabase() {
        context.close();
    }

    @Test
    void aDamagedBoardBecomesTheRowsTheLiveProjectionWroteRewritingOnlyWhatDiffers() throws Exception {
        BoardLifecycle.appendTo(history).forEach(BoardRowWriterTest::applyInItsOwnTransaction);
        Map<String, List<String>> written = BoardRows.of(jdbc, projectId.value());
        InMemoryBoardStore replayed = new InMemoryBoardStore();
        AnnotationEventHandlerAdapter inMemory = new AnnotationEventHandlerAdapter(new TaskBoardProjection(replayed));
        for (DomainEventMessage<?> event : history.events()) {
            inMemory.handle(event);
        }
        Map<String, String> versionsBefore = BoardRows.taskVersions(jdbc, projectId.value());
        jdbc.update("UPDATE board_task SET title = 'damaged', status = 'FAILED' WHERE project_id = ? AND task_key = ?",
                projectId.value(), "P1-T1-S2");
        jdbc.update("UPDATE board_escalation SET justification = 'damaged' WHERE project_id = ?", projectId.value());
        jdbc.update("DELETE FROM board_member WHERE project_id = ? AND username = 'owner'", projectId.value());
        jdbc.update("INSERT INTO board_member (project_id, username, role) VALUES (?, 'intruder', 'OWNER')",
                projectId.value());
        assertThat(BoardRows.of(jdbc, projectId.value())).as("the damage shows").isNotEqualTo(written);

        transactions.executeWithoutResult(status -> new BoardRowWriter(jdbc).replace(projectId.value(), replayed));

        Map<String, List<String>> replaced = BoardRows.of(jdbc, projectId.value());
        BoardRows.TABLES.forEach(table -> assertThat(replaced.get(table)).as(table).isNotEmpty()
                .containsExactlyElementsOf(written.get(table)));
        Map<String, String> versionsAfter = BoardRows.taskVersions(jdbc, projectId.value());
        assertThat(versionsAfter.get("P1-T1-S2")).as("a damaged row is rewritten")
                .isNotEqualTo(versionsBefore.get("P1-T1-S2"));
        versionsBefore.remove("P1-T1-S2");
        assertThat(versionsAfter).as("rows that were right are left as they were").containsAllEntriesOf(versionsBefore);
    }

    private static void applyInItsOwnTransaction(DomainEventMessage<?> event) {
        transactions.executeWithoutResult(status -> {
            try {
                live.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
