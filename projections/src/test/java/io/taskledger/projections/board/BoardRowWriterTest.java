package io.taskledger.projections.board;

import io.taskledger.api.ids.ProjectId;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

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

    private static final LiveBoard live = LiveBoard.start();
    private static final JdbcTemplate jdbc = live.jdbc;

    private final ProjectHistory history = new ProjectHistory(START);
    private final ProjectId projectId = history.projectId;

    @AfterAll
    static void stopDatabase() {
        live.close();
    }

    @Test
    void a_damaged_board_becomes_the_rows_the_live_projection_wrote_rewriting_only_what_differs() throws Exception {
        BoardLifecycle.appendTo(history).forEach(event -> live.applyInOneTransaction(List.of(event)));
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

        live.transactions.executeWithoutResult(status -> new BoardRowWriter(jdbc).replace(projectId.value(), replayed));

        Map<String, List<String>> replaced = BoardRows.of(jdbc, projectId.value());
        BoardRows.TABLES.forEach(table -> assertThat(replaced.get(table)).as(table).isNotEmpty()
                .containsExactlyElementsOf(written.get(table)));
        Map<String, String> versionsAfter = BoardRows.taskVersions(jdbc, projectId.value());
        assertThat(versionsAfter.get("P1-T1-S2")).as("a damaged row is rewritten")
                .isNotEqualTo(versionsBefore.get("P1-T1-S2"));
        versionsBefore.remove("P1-T1-S2");
        assertThat(versionsAfter).as("rows that were right are left as they were").containsAllEntriesOf(versionsBefore);
    }
}
