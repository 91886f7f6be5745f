package io.taskledger.projections.board;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.event.AttemptFailed;
import io.taskledger.api.event.AttemptSucceeded;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.EscalationResolved;
import io.taskledger.api.event.MemberAdded;
import io.taskledger.api.event.MemberRemoved;
import io.taskledger.api.event.MemberRoleChanged;
import io.taskledger.api.event.PrerequisiteAdded;
import io.taskledger.api.event.PrerequisiteRemoved;
import io.taskledger.api.event.ProjectArchived;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskAssigned;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.SuccessBasis;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.taskledger.projections.board.PlanFixtures.phase;
import static io.taskledger.projections.board.PlanFixtures.subtask;
import static io.taskledger.projections.board.PlanFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild writes a project's rows with plain JDBC: they must become exactly the rows the live projection writes
 * through JPA for the same events, every column of every table, nulls, JSON lists and instants included, and only
 * the rows that differ are written.
 */
class BoardRowWriterTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final List<String> TABLES = List.of("board_project", "board_task", "board_attempt",
            "board_escalation", "board_member");

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
        given(new ProjectCreated(projectId, "OPS", "Operations", null),
                new MemberAdded(projectId, "owner", ProjectRole.OWNER),
                new MemberAdded(projectId, "coder", ProjectRole.AGENT),
                new MemberAdded(projectId, "guest", ProjectRole.CONTRIBUTOR),
                new TaskAdded(projectId, phase("P1"), 1),
                new TaskAdded(projectId, task("P1-T1", "P1"), 2),
                new TaskAdded(projectId, subtask("P1-T1-S1", "P1-T1", null), 3),
                new TaskAdded(projectId, subtask("P1-T1-S2", "P1-T1", "coder", "P1-T1-S1"), 4),
                new TaskAdded(projectId, subtask("P1-T1-S3", "P1-T1", "coder"), 5),
                new TaskAdded(projectId, phase("P2", "P1"), 6),
                new TaskBecameReady(projectId, key("P1")),
                new TaskBecameReady(projectId, key("P1-T1")),
                new TaskBecameReady(projectId, key("P1-T1-S1")),
                new TaskBecameReady(projectId, key("P1-T1-S3")),
                started("P1-T1-S1", 1),
                new ContainerStarted(projectId, key("P1-T1")),
                new ContainerStarted(projectId, key("P1")),
                new AttemptFailed(projectId, key("P1-T1-S1"), 1, "coder", AttemptFailureReason.CRITERIA_FAILED,
                        List.of(new CriterionResult("P1-T1-S1-01/1", true, "exit 0"),
                                new CriterionResult("P1-T1-S1-01/2", false, "no package.json")),
                        List.of("P1-T1-S1-01/2"), 0),
                new TaskEscalated(projectId, key("P1-T1-S1"), "lead", 1),
                new EscalationResolved(projectId, key("P1-T1-S1"), EscalationDecision.RETRY, "flaky runner"),
                new TaskBecameReady(projectId, key("P1-T1-S1")),
                started("P1-T1-S1", 2),
                new AttemptSucceeded(projectId, key("P1-T1-S1"), 2, "coder", List.of(
                        new CriterionResult("P1-T1-S1-01/1", true, "exit 0"),
                        new CriterionResult("P1-T1-S1-01/2", true, "found"))),
                new TaskSucceeded(projectId, key("P1-T1-S1"), SuccessBasis.CRITERIA_PASSED),
                new TaskBecameReady(projectId, key("P1-T1-S2")),
                started("P1-T1-S2", 1),
                new AttemptFailed(projectId, key("P1-T1-S2"), 1, "coder", AttemptFailureReason.TIMED_OUT,
                        List.of(), List.of(), 0),
                new TaskEscalated(projectId, key("P1-T1-S2"), "lead", 1),
                new TaskCancelled(projectId, key("P1-T1-S2"), "dropped", null),
                started("P1-T1-S3", 1),
                new TaskCancelled(projectId, key("P1-T1-S3"), "not needed", null),
                new PrerequisiteAdded(projectId, key("P2"), key("P1-T1-S3")),
                new PrerequisiteRemoved(projectId, key("P2"), key("P1")),
                new TaskAssigned(projectId, key("P2"), "reviewer", null),
                new MemberRoleChanged(projectId, "coder", ProjectRole.CONTRIBUTOR, ProjectRole.AGENT),
                new MemberRemoved(projectId, "guest", ProjectRole.CONTRIBUTOR),
                new ProjectArchived(projectId));
        Map<String, List<String>> written = rows();
        InMemoryBoardStore replayed = new InMemoryBoardStore();
        AnnotationEventHandlerAdapter inMemory = new AnnotationEventHandlerAdapter(new TaskBoardProjection(replayed));
        for (DomainEventMessage<?> event : history.events()) {
            inMemory.handle(event);
        }
        Map<String, String> versionsBefore = rowVersions();
        jdbc.update("UPDATE board_task SET title = 'damaged', status = 'FAILED' WHERE project_id = ? AND task_key = ?",
                projectId.value(), "P1-T1-S2");
        jdbc.update("UPDATE board_escalation SET justification = 'damaged' WHERE project_id = ?", projectId.value());
        jdbc.update("DELETE FROM board_member WHERE project_id = ? AND username = 'owner'", projectId.value());
        jdbc.update("INSERT INTO board_member (project_id, username, role) VALUES (?, 'intruder', 'OWNER')",
                projectId.value());
        assertThat(rows()).as("the damage shows").isNotEqualTo(written);

        transactions.executeWithoutResult(status -> new BoardRowWriter(jdbc).replace(projectId.value(), replayed));

        Map<String, List<String>> replaced = rows();
        TABLES.forEach(table -> assertThat(replaced.get(table)).as(table).isNotEmpty()
                .containsExactlyElementsOf(written.get(table)));
        Map<String, String> versionsAfter = rowVersions();
        assertThat(versionsAfter.get("P1-T1-S2")).as("a damaged row is rewritten")
                .isNotEqualTo(versionsBefore.get("P1-T1-S2"));
        versionsBefore.remove("P1-T1-S2");
        assertThat(versionsAfter).as("rows that were right are left as they were").containsAllEntriesOf(versionsBefore);
    }

    /** Started with a lease; the start instant has nanoseconds, which the columns keep only to the microsecond. */
    private TaskStarted started(String key, int attempt) {
        Instant startedAt = history.now().plusSeconds(30).plusNanos(123_456_789);
        return new TaskStarted(projectId, key(key), attempt, "coder", startedAt, startedAt.plusSeconds(3600));
    }

    private static TaskKey key(String key) {
        return TaskKey.of(key);
    }

    private void given(Object... events) {
        for (Object event : events) {
            DomainEventMessage<?> message = history.append(event);
            transactions.executeWithoutResult(status -> {
                try {
                    live.handle(message);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** The task rows' row versions ({@code xmin}: it changes when a row is written), by task key. */
    private Map<String, String> rowVersions() {
        Map<String, String> versions = new TreeMap<>();
        jdbc.query("SELECT task_key, xmin::text FROM board_task WHERE project_id = ?",
                (RowCallbackHandler) row -> versions.put(row.getString(1), row.getString(2)), projectId.value());
        return versions;
    }

    /** Every row of the project in every board table, as text in key order, the generated escalation id left out. */
    private Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " WHERE project_id = ? ORDER BY "
                    + (table.equals("board_escalation") ? "id" : "1, 2, 3"), projectId.value()).stream()
                    .map(row -> {
                        Map<String, Object> withoutId = new TreeMap<>(row);
                        withoutId.remove("id");
                        return withoutId.toString();
                    })
                    .toList());
        }
        return rows;
    }
}
