package io.taskledger.projections.board;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.projections.jdbc.JdbcTable;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static io.taskledger.projections.jdbc.JdbcTable.Column.bigint;
import static io.taskledger.projections.jdbc.JdbcTable.Column.bool;
import static io.taskledger.projections.jdbc.JdbcTable.Column.enumerated;
import static io.taskledger.projections.jdbc.JdbcTable.Column.integer;
import static io.taskledger.projections.jdbc.JdbcTable.Column.json;
import static io.taskledger.projections.jdbc.JdbcTable.Column.text;
import static io.taskledger.projections.jdbc.JdbcTable.Column.timestamp;
import static io.taskledger.projections.jdbc.JdbcTable.Column.uuid;
import static io.taskledger.projections.jdbc.JdbcTable.enumValue;
import static io.taskledger.projections.jdbc.JdbcTable.instant;
import static io.taskledger.projections.jdbc.JdbcTable.values;
import static io.taskledger.projections.jdbc.JsonList.CRITERION_RESULTS;
import static io.taskledger.projections.jdbc.JsonList.STEPS;
import static io.taskledger.projections.jdbc.JsonList.TASK_KEYS;

/**
 * The board's tables, each described once: the live board ({@link JdbcBoardStore}) and the rebuild
 * ({@link BoardRowWriter}) write through these descriptions, and the queries ({@link BoardReads}) read through them.
 * Their migrations are in this module ({@code db/read-models}).
 */
final class BoardTables {

    static final JdbcTable<BoardProject> PROJECTS = new JdbcTable<>("board_project",
            List.of(uuid("project_id")), false,
            List.of(text("project_key"), text("name"), text("description"), bool("archived"), timestamp("created_at"),
                    bigint("version")),
            project -> values(project.getProjectId()),
            project -> values(project.getKey(), project.getName(), project.getDescription(), project.isArchived(),
                    project.getCreatedAt(), project.getVersion()),
            (row, number) -> new BoardProject(JdbcTable.uuid(row, "project_id"), row.getString("project_key"),
                    row.getString("name"), row.getString("description"), row.getBoolean("archived"),
                    instant(row, "created_at"), row.getLong("version")));

    static final JdbcTable<BoardTask> TASKS = new JdbcTable<>("board_task",
            List.of(uuid("project_id"), text("task_key")), false,
            List.of(enumerated("level"), text("parent_key"), text("title"), text("description"), enumerated("status"),
                    text("assignee"), enumerated("priority"), integer("max_retries"), enumerated("on_failure"),
                    text("escalate_to"), integer("timeout_minutes"), json("prerequisites", TASK_KEYS),
                    json("steps", STEPS), integer("position"), bool("leaf"), integer("attempts")),
            task -> values(task.getProjectId(), task.getKey().value()),
            task -> values(task.getLevel(), task.getParent() == null ? null : task.getParent().value(),
                    task.getTitle(), task.getDescription(), task.getStatus(), task.getAssignee(), task.getPriority(),
                    task.getMaxRetries(), task.getOnFailure(), task.getEscalateTo(), task.getTimeoutMinutes(),
                    task.getPrerequisites(), task.getSteps(), task.getPosition(), task.isLeaf(), task.getAttempts()),
            (row, number) -> new BoardTask(JdbcTable.uuid(row, "project_id"), TaskKey.of(row.getString("task_key")),
                    TaskLevel.valueOf(row.getString("level")), taskKey(row.getString("parent_key")),
                    row.getString("title"), row.getString("description"), TaskStatus.valueOf(row.getString("status")),
                    row.getString("assignee"), Priority.valueOf(row.getString("priority")),
                    row.getInt("max_retries"), FailurePolicy.valueOf(row.getString("on_failure")),
                    row.getString("escalate_to"), row.getInt("timeout_minutes"),
                    TASK_KEYS.fromJson(row.getString("prerequisites")),
                    STEPS.fromJson(row.getString("steps")), row.getInt("position"),
                    row.getBoolean("leaf"), row.getInt("attempts")));

    static final JdbcTable<BoardAttempt> ATTEMPTS = new JdbcTable<>("board_attempt",
            List.of(uuid("project_id"), text("task_key"), integer("number")), false,
            List.of(text("agent"), text("outcome"), enumerated("failure_reason"), timestamp("started_at"),
                    timestamp("lease_expires_at"), timestamp("ended_at"), json("results", CRITERION_RESULTS)),
            attempt -> values(attempt.id().projectId(), attempt.id().taskKey(), attempt.id().number()),
            attempt -> values(attempt.agent(), attempt.outcome(), attempt.failureReason(), attempt.startedAt(),
                    attempt.leaseExpiresAt(), attempt.endedAt(), attempt.results()),
            (row, number) -> new BoardAttempt(JdbcTable.uuid(row, "project_id"), row.getString("task_key"),
                    row.getInt("number"), row.getString("agent"), row.getString("outcome"),
                    enumValue(AttemptFailureReason.class, row.getString("failure_reason")),
                    instant(row, "started_at"), instant(row, "lease_expires_at"), instant(row, "ended_at"),
                    CRITERION_RESULTS.fromJson(row.getString("results"))));

    static final JdbcTable<BoardEscalation> ESCALATIONS = new JdbcTable<>("board_escalation",
            List.of(bigint("id")), true,
            List.of(uuid("project_id"), text("task_key"), text("status"), text("escalate_to"), integer("attempts"),
                    timestamp("escalated_at"), json("failed_criteria", CRITERION_RESULTS),
                    bool("last_attempt_timed_out"), enumerated("decision"), text("justification"),
                    timestamp("resolved_at")),
            escalation -> values(escalation.id()),
            escalation -> values(escalation.projectId(), escalation.taskKey(), escalation.status(),
                    escalation.escalateTo(), escalation.attempts(), escalation.escalatedAt(),
                    escalation.failedCriteria(), escalation.lastAttemptTimedOut(), escalation.decision(),
                    escalation.justification(), escalation.resolvedAt()),
            (row, number) -> new BoardEscalation(row.getLong("id"), JdbcTable.uuid(row, "project_id"),
                    row.getString("task_key"), row.getString("status"), row.getString("escalate_to"),
                    row.getInt("attempts"), instant(row, "escalated_at"),
                    CRITERION_RESULTS.fromJson(row.getString("failed_criteria")),
                    row.getBoolean("last_attempt_timed_out"),
                    enumValue(EscalationDecision.class, row.getString("decision")), row.getString("justification"),
                    instant(row, "resolved_at")));

    static final JdbcTable<BoardMember> MEMBERS = new JdbcTable<>("board_member",
            List.of(uuid("project_id"), text("username")), false,
            List.of(enumerated("role")),
            member -> values(member.key().projectId(), member.key().username()),
            member -> values(member.getRole()),
            (row, number) -> new BoardMember(JdbcTable.uuid(row, "project_id"), row.getString("username"),
                    ProjectRole.valueOf(row.getString("role"))));

    /** Parents before their children, as the foreign keys need for inserts; deletes go the other way. */
    private static final List<JdbcTable<?>> PARENTS_FIRST = List.of(PROJECTS, TASKS, ATTEMPTS, ESCALATIONS, MEMBERS);
    private static final List<JdbcTable<?>> CHILDREN_FIRST = List.of(MEMBERS, ESCALATIONS, ATTEMPTS, TASKS, PROJECTS);

    private BoardTables() {
    }

    /** Deletes every row of every board table, children first. */
    static void deleteAll(JdbcTemplate jdbc) {
        CHILDREN_FIRST.forEach(table -> jdbc.update("DELETE FROM " + table.name()));
    }

    /** Applies the changes in an order the foreign keys accept: deletes children first, then the rest parents first. */
    static void write(JdbcTemplate jdbc, Map<JdbcTable<?>, JdbcTable.Changes> changes) {
        for (JdbcTable<?> table : CHILDREN_FIRST) {
            if (changes.containsKey(table)) {
                table.delete(jdbc, changes.get(table).deletedKeys());
            }
        }
        for (JdbcTable<?> table : PARENTS_FIRST) {
            if (changes.containsKey(table)) {
                table.update(jdbc, changes.get(table).updated());
                table.insert(jdbc, changes.get(table).inserted());
            }
        }
    }

    private static TaskKey taskKey(String value) {
        return value == null ? null : TaskKey.of(value);
    }
}
