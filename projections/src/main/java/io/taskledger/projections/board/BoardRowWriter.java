package io.taskledger.projections.board;

import io.taskledger.api.query.AttemptView;
import io.taskledger.api.query.EscalationView;
import io.taskledger.projections.json.CriterionResultListConverter;
import io.taskledger.projections.json.StepListConverter;
import io.taskledger.projections.json.TaskKeyListConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Replaces one project's board rows with plain JDBC, each table's rows in one batch (the driver sends a batch as
 * multi-row inserts): the rebuild writes thousands of rows it never reads back, so going through the JPA session
 * (persist, snapshot copies, dirty checks at every flush) took most of its time. The columns and their encodings are
 * the entities' mappings: enums by name, lists as JSON through the entities' own converters, instants bound as
 * Hibernate binds them. Runs in the caller's transaction.
 */
final class BoardRowWriter {

    private static final StepListConverter STEPS = new StepListConverter();
    private static final TaskKeyListConverter TASK_KEYS = new TaskKeyListConverter();
    private static final CriterionResultListConverter CRITERION_RESULTS = new CriterionResultListConverter();

    /** Children before parents (the tables' foreign keys). */
    private static final List<String> DELETES = List.of(
            "DELETE FROM board_member WHERE project_id = ?",
            "DELETE FROM board_escalation WHERE project_id = ?",
            "DELETE FROM board_attempt WHERE project_id = ?",
            "DELETE FROM board_task WHERE project_id = ?");

    private static final String UPDATE_PROJECT = """
            UPDATE board_project SET project_key = ?, name = ?, description = ?, archived = ?, created_at = ?,
                                     version = ?
            WHERE project_id = ?""";

    private static final String INSERT_TASK = """
            INSERT INTO board_task (project_id, task_key, level, parent_key, title, description, status, assignee,
                                    priority, max_retries, on_failure, escalate_to, timeout_minutes, prerequisites,
                                    steps, position, leaf, attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_ATTEMPT = """
            INSERT INTO board_attempt (project_id, task_key, number, agent, outcome, failure_reason, started_at,
                                       lease_expires_at, ended_at, results)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** The id is left to the column's identity, as the entity does. */
    private static final String INSERT_ESCALATION = """
            INSERT INTO board_escalation (project_id, task_key, status, escalate_to, attempts, escalated_at,
                                          failed_criteria, last_attempt_timed_out, decision, justification,
                                          resolved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_MEMBER = "INSERT INTO board_member (project_id, username, role) VALUES (?, ?, ?)";

    private final JdbcTemplate jdbc;

    BoardRowWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes the project's rows and writes the rebuilt ones; the project row is updated in place. */
    void replace(UUID projectId, InMemoryBoardStore rebuilt) {
        BoardProject project = rebuilt.project(projectId).orElseThrow();
        for (String delete : DELETES) {
            jdbc.update(delete, projectId);
        }
        jdbc.update(UPDATE_PROJECT, project.getKey(), project.getName(), project.getDescription(),
                project.isArchived(), timestamp(project.getCreatedAt()), project.getVersion(), projectId);
        insert(INSERT_TASK, rebuilt.tasksOf(projectId), (row, task) -> {
            row.setObject(1, projectId);
            row.setString(2, task.getKey().value());
            row.setString(3, task.getLevel().name());
            row.setString(4, task.getParent() == null ? null : task.getParent().value());
            row.setString(5, task.getTitle());
            row.setString(6, task.getDescription());
            row.setString(7, task.getStatus().name());
            row.setString(8, task.getAssignee());
            row.setString(9, task.getPriority().name());
            row.setInt(10, task.getMaxRetries());
            row.setString(11, task.getOnFailure().name());
            row.setString(12, task.getEscalateTo());
            row.setInt(13, task.getTimeoutMinutes());
            row.setString(14, TASK_KEYS.convertToDatabaseColumn(task.getPrerequisites()));
            row.setString(15, STEPS.convertToDatabaseColumn(task.getSteps()));
            row.setInt(16, task.getPosition());
            row.setBoolean(17, task.isLeaf());
            row.setInt(18, task.getAttempts());
        });
        insert(INSERT_ATTEMPT, rebuilt.attemptsOf(projectId), (row, attempt) -> {
            AttemptView view = attempt.toView();
            row.setObject(1, projectId);
            row.setString(2, attempt.id().taskKey());
            row.setInt(3, view.number());
            row.setString(4, view.agent());
            row.setString(5, view.outcome());
            row.setString(6, view.failureReason() == null ? null : view.failureReason().name());
            setTimestamp(row, 7, view.startedAt());
            setTimestamp(row, 8, view.leaseExpiresAt());
            setTimestamp(row, 9, view.endedAt());
            row.setString(10, CRITERION_RESULTS.convertToDatabaseColumn(view.results()));
        });
        insert(INSERT_ESCALATION, rebuilt.escalationsOf(projectId), (row, escalation) -> {
            BoardTask task = rebuilt.task(projectId, escalation.taskKey()).orElseThrow();
            EscalationView view = escalation.toView(project, task);
            row.setObject(1, projectId);
            row.setString(2, escalation.taskKey());
            row.setString(3, view.status());
            row.setString(4, view.escalateTo());
            row.setInt(5, view.attempts());
            setTimestamp(row, 6, view.escalatedAt());
            row.setString(7, CRITERION_RESULTS.convertToDatabaseColumn(view.failedCriteria()));
            row.setBoolean(8, view.lastAttemptTimedOut());
            row.setString(9, view.decision() == null ? null : view.decision().name());
            row.setString(10, view.justification());
            setTimestamp(row, 11, view.resolvedAt());
        });
        insert(INSERT_MEMBER, rebuilt.membersOf(projectId), (row, member) -> {
            row.setObject(1, projectId);
            row.setString(2, member.getUsername());
            row.setString(3, member.getRole().name());
        });
    }

    private <T> void insert(String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> columns) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows, rows.size(), columns);
        }
    }

    private static void setTimestamp(PreparedStatement row, int index, Instant instant) throws SQLException {
        row.setObject(index, timestamp(instant), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** As Hibernate binds an {@link Instant} to a {@code timestamp with time zone} column on PostgreSQL. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
