package io.taskledger.projections.board;

import io.taskledger.api.event.AttemptFailed;
import io.taskledger.api.event.EscalationResolved;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskAssigned;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.EscalationDecision;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.taskledger.projections.board.PlanFixtures.phase;
import static io.taskledger.projections.board.PlanFixtures.subtask;
import static io.taskledger.projections.board.PlanFixtures.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live board keeps the rows a transaction touches in memory and writes the changed ones before it commits. An
 * event processor hands it a batch of events per transaction: whatever the batch, the rows must be those that one
 * transaction per event writes (which {@code TaskBoardProjectionTest} reads back through the queries).
 */
class JdbcBoardStoreTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private static final LiveBoard live = LiveBoard.start();
    private static final JdbcTemplate jdbc = live.jdbc;

    @AfterAll
    static void stopDatabase() {
        live.close();
    }

    @Test
    void a_whole_history_in_one_transaction_writes_the_rows_of_one_transaction_per_event() {
        ProjectHistory eventByEvent = new ProjectHistory(START);
        BoardLifecycle.appendTo(eventByEvent).forEach(event -> live.applyInOneTransaction(List.of(event)));
        ProjectHistory batched = new ProjectHistory(START);

        live.applyInOneTransaction(BoardLifecycle.appendTo(batched));

        Map<String, List<String>> expected = BoardRows.of(jdbc, eventByEvent.projectId.value());
        Map<String, List<String>> written = BoardRows.of(jdbc, batched.projectId.value());
        BoardRows.TABLES.forEach(table -> assertThat(written.get(table)).as(table).isNotEmpty()
                .containsExactlyElementsOf(expected.get(table)));
    }

    @Test
    void an_escalation_resolved_earlier_in_the_transaction_is_not_found_open_again() {
        ProjectHistory history = new ProjectHistory(START);
        ProjectId projectId = history.projectId;
        TaskKey subtask = TaskKey.of("P1-T1-S1");
        Instant startedAt = START.plusSeconds(600);
        Stream.of(new ProjectCreated(projectId, "OPS", "Operations", null),
                        new TaskAdded(projectId, phase("P1"), 1),
                        new TaskAdded(projectId, task("P1-T1", "P1"), 2),
                        new TaskAdded(projectId, subtask("P1-T1-S1", "P1-T1", "coder"), 3),
                        new TaskBecameReady(projectId, subtask),
                        new TaskStarted(projectId, subtask, 1, "coder", startedAt, startedAt.plusSeconds(60)),
                        new AttemptFailed(projectId, subtask, 1, "coder", AttemptFailureReason.TIMED_OUT, List.of(),
                                List.of(), 0),
                        new TaskEscalated(projectId, subtask, "lead", 1))
                .map(history::append)
                .forEach(event -> live.applyInOneTransaction(List.of(event)));

        live.applyInOneTransaction(List.of(
                history.append(new EscalationResolved(projectId, subtask, EscalationDecision.CANCEL, "out of scope")),
                history.append(new TaskCancelled(projectId, subtask, "cancelled on escalation", null))));

        assertThat(jdbc.queryForList("SELECT status, decision, justification FROM board_escalation"
                + " WHERE project_id = ?", projectId.value()))
                .containsExactly(Map.of("status", "RESOLVED", "decision", "CANCEL", "justification", "out of scope"));
    }

    @Test
    void only_the_rows_an_event_changed_are_written() {
        ProjectHistory history = new ProjectHistory(START);
        BoardLifecycle.appendTo(history).forEach(event -> live.applyInOneTransaction(List.of(event)));
        Map<String, String> before = BoardRows.taskVersions(jdbc, history.projectId.value());

        live.applyInOneTransaction(List.of(history.append(
                new TaskAssigned(history.projectId, TaskKey.of("P1-T1-S1"), "reviewer", "coder"))));

        Map<String, String> after = BoardRows.taskVersions(jdbc, history.projectId.value());
        assertThat(after.get("P1-T1-S1")).isNotEqualTo(before.get("P1-T1-S1"));
        before.remove("P1-T1-S1");
        assertThat(after).as("tasks the event did not change").containsAllEntriesOf(before);
    }

    @Test
    void a_transaction_that_rolls_back_leaves_the_board_as_it_was() {
        ProjectHistory history = new ProjectHistory(START);
        List<DomainEventMessage<?>> events = BoardLifecycle.appendTo(history);
        live.applyInOneTransaction(events.subList(0, 10));
        Map<String, List<String>> before = BoardRows.of(jdbc, history.projectId.value());

        live.transactions.executeWithoutResult(status -> {
            events.subList(10, events.size()).forEach(live::handle);
            status.setRollbackOnly();
        });

        assertThat(BoardRows.of(jdbc, history.projectId.value())).isEqualTo(before);
        live.applyInOneTransaction(events.subList(10, events.size()));
        assertThat(BoardRows.of(jdbc, history.projectId.value()).get("board_attempt"))
                .as("the rolled-back events apply in a later transaction").isNotEmpty();
    }

    @Test
    void the_live_board_is_not_changed_outside_a_transaction() {
        ProjectHistory history = new ProjectHistory(START);
        DomainEventMessage<?> created = BoardLifecycle.appendTo(history).get(0);

        assertThatThrownBy(() -> live.handle(created))
                .hasMessageContaining("only within a transaction");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM board_project WHERE project_id = ?", Long.class,
                history.projectId.value())).isZero();
    }

    @Test
    void text_with_nul_is_stored_with_a_replacement_character() {
        ProjectHistory history = new ProjectHistory(START);

        live.applyInOneTransaction(List.of(history.append(
                new ProjectCreated(history.projectId, "NUL", "a\u0000b", "c\u0000"))));

        assertThat(jdbc.queryForMap("SELECT name, description FROM board_project WHERE project_id = ?",
                history.projectId.value())).isEqualTo(Map.of("name", "a\uFFFDb", "description", "c\uFFFD"));
    }

    @Test
    void rows_the_database_refuses_at_commit_name_their_project_whose_first_event_then_fails_in_its_handler() {
        ProjectHistory refused = new ProjectHistory(START);
        ProjectHistory healthy = new ProjectHistory(START);
        List<DomainEventMessage<?>> batch = List.of(
                healthy.append(new ProjectCreated(healthy.projectId, "OK", "Healthy", null)),
                refused.append(new ProjectCreated(refused.projectId, "NO", "Refused", null)),
                healthy.append(new TaskAdded(healthy.projectId, phase("P1"), 1)),
                refused.append(new TaskAdded(refused.projectId, phase("P1"), 1)));
        jdbc.execute("ALTER TABLE board_project ADD CONSTRAINT refuse_for_test CHECK (name <> 'Refused')");
        try {
            assertThatThrownBy(() -> live.applyInOneTransaction(batch))
                    .isInstanceOfSatisfying(BoardRowsRefusedException.class, e -> {
                        assertThat(e.refusals()).containsOnlyKeys(refused.projectId.value());
                        assertThat(e.refusals().get(refused.projectId.value()).eventIds())
                                .containsExactly(batch.get(1).getIdentifier(), batch.get(3).getIdentifier());
                        assertThat(e.refusals().get(refused.projectId.value()).reason())
                                .contains("refuse_for_test");
                    });
            assertThat(jdbc.queryForObject("SELECT count(*) FROM board_project WHERE project_id = ?", Long.class,
                    healthy.projectId.value())).as("the whole batch rolled back").isZero();

            // Tried again, as the processor does: the refused project's first event fails in its handler (the
            // dead-letter queue parks it and, without handling them, the project's later events).
            live.transactions.executeWithoutResult(status -> {
                live.handle(batch.get(0));
                assertThatThrownBy(() -> live.handle(batch.get(1)))
                        .hasRootCauseInstanceOf(BoardRowsRefusedException.class)
                        .rootCause().hasMessageContaining("refuse_for_test");
                live.handle(batch.get(2));
            });

            assertThat(jdbc.queryForList("SELECT task_key FROM board_task WHERE project_id = ?", String.class,
                    healthy.projectId.value())).containsExactly("P1");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM board_project WHERE project_id = ?", Long.class,
                    refused.projectId.value())).isZero();
        } finally {
            jdbc.execute("ALTER TABLE board_project DROP CONSTRAINT refuse_for_test");
        }
    }
}
