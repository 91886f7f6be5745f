package io.taskledger.projections.board;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.taskledger.projections.board.BoardTables.ATTEMPTS;
import static io.taskledger.projections.board.BoardTables.ESCALATIONS;
import static io.taskledger.projections.board.BoardTables.MEMBERS;
import static io.taskledger.projections.board.BoardTables.PROJECTS;
import static io.taskledger.projections.board.BoardTables.TASKS;
import static io.taskledger.projections.jdbc.JsonList.TASK_KEYS;

/**
 * The board's queries, in plain SQL through the tables' one description ({@link BoardTables}), straight into the
 * rows or the answers' shapes. A board of tasks is read as outlines: without the description and steps, the bulk of
 * a row.
 */
@Component
class BoardReads {

    private static final String OUTLINE_COLUMNS = TASKS.columns("t", "project_id", "task_key", "level", "parent_key",
            "title", "status", "assignee", "priority", "attempts", "max_retries", "prerequisites", "position");

    private static final RowMapper<TaskOutline> OUTLINE = (row, number) -> new TaskOutline(
            row.getObject("project_id", UUID.class),
            TaskKey.of(row.getString("task_key")),
            TaskLevel.valueOf(row.getString("level")),
            row.getString("parent_key") == null ? null : TaskKey.of(row.getString("parent_key")),
            row.getString("title"),
            TaskStatus.valueOf(row.getString("status")),
            row.getString("assignee"),
            Priority.valueOf(row.getString("priority")),
            row.getInt("attempts"),
            row.getInt("max_retries"),
            TASK_KEYS.fromJson(row.getString("prerequisites")),
            row.getInt("position"));

    /** Most urgent first, in the enum's declared order, whatever the names sort as. */
    private static final String URGENCY = Arrays.stream(Priority.values())
            .map(priority -> "when '" + priority.name() + "' then " + priority.ordinal())
            .collect(Collectors.joining(" ", "case t.priority ", " end"));

    /** A condition on {@code p.project_id}: the viewer reads everything, or is a member of the project. */
    private static final String VISIBLE_TO_VIEWER = "(? or exists (select 1 from " + MEMBERS.name()
            + " m where m.project_id = p.project_id and m.username = ?))";

    /** Newest first, a page of them: after the cursor's (created_at, project_id), both descending. */
    private static final String VISIBLE_PROJECTS = "select " + PROJECTS.columns("p") + " from " + PROJECTS.name()
            + " p where " + VISIBLE_TO_VIEWER + " and (cast(? as timestamptz) is null"
            + " or (p.created_at, p.project_id) < (cast(? as timestamptz), cast(? as uuid)))"
            + " order by p.created_at desc, p.project_id desc limit ?";

    private static final String ESCALATION_INBOX = "select " + ESCALATIONS.columns("e")
            + ", p.project_key, t.title, t.assignee from " + ESCALATIONS.name() + " e"
            + " join " + PROJECTS.name() + " p on p.project_id = e.project_id"
            + " join " + TASKS.name() + " t on t.project_id = e.project_id and t.task_key = e.task_key"
            + " where (cast(? as text) is null or e.status = ?) and " + VISIBLE_TO_VIEWER
            + " and (cast(? as timestamptz) is null or (e.escalated_at, e.project_id, e.task_key, e.attempts)"
            + " > (cast(? as timestamptz), cast(? as uuid), cast(? as text), cast(? as integer)))"
            + " order by e.escalated_at, e.project_id, e.task_key, e.attempts limit ?";

    private final JdbcTemplate jdbc;

    BoardReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The version the board reflects, when the viewer may see the project. */
    Optional<Long> visibleVersion(UUID projectId, boolean everything, String viewer) {
        return jdbc.query("select p.version from " + PROJECTS.name() + " p where p.project_id = ? and "
                        + VISIBLE_TO_VIEWER,
                (row, number) -> row.getLong(1), projectId, everything, viewer).stream().findFirst();
    }

    Optional<BoardProject> project(UUID projectId) {
        return PROJECTS.find(jdbc, projectId);
    }

    /**
     * Newest first: the projects the viewer is a member of, or every project when it reads everything; at most
     * {@code limit} of them, those after {@code after} (null: from the newest) in that order.
     */
    List<BoardProject> visibleProjects(boolean everything, String viewer, BoardProject after, int limit) {
        OffsetDateTime createdAt = after == null ? null : after.getCreatedAt().atOffset(ZoneOffset.UTC);
        return jdbc.query(VISIBLE_PROJECTS, PROJECTS.reader(), everything, viewer, createdAt, createdAt,
                after == null ? null : after.getProjectId(), limit);
    }

    /** The project, when the viewer may see it. */
    Optional<BoardProject> visibleProject(UUID projectId, boolean everything, String viewer) {
        return jdbc.query("select " + PROJECTS.columns("p") + " from " + PROJECTS.name()
                + " p where p.project_id = ? and " + VISIBLE_TO_VIEWER, PROJECTS.reader(), projectId, everything,
                viewer).stream().findFirst();
    }

    /** Every task of the project, in plan order. */
    List<TaskOutline> outlines(UUID projectId) {
        return jdbc.query("select " + OUTLINE_COLUMNS + " from " + TASKS.name()
                + " t where t.project_id = ? order by t.position", OUTLINE, projectId);
    }

    /**
     * Every task of those of the projects the viewer may see, by project, each in plan order: one statement for any
     * number of projects.
     */
    List<TaskOutline> visibleOutlines(List<UUID> projectIds, boolean everything, String viewer) {
        return jdbc.query("select " + OUTLINE_COLUMNS + " from " + TASKS.name() + " t join " + PROJECTS.name()
                + " p on p.project_id = t.project_id where t.project_id = any(?) and " + VISIBLE_TO_VIEWER
                + " order by t.project_id, t.position", OUTLINE, projectIds.toArray(UUID[]::new), everything, viewer);
    }

    Optional<BoardTask> task(UUID projectId, String taskKey) {
        return TASKS.find(jdbc, projectId, taskKey);
    }

    /** By number. */
    List<BoardAttempt> attempts(UUID projectId, String taskKey) {
        return jdbc.query(ATTEMPTS.selectWhere("project_id = ? and task_key = ? order by number"), ATTEMPTS.reader(),
                projectId, taskKey);
    }

    /** By username. */
    List<BoardMember> members(UUID projectId) {
        return jdbc.query(MEMBERS.selectWhere("project_id = ? order by username"), MEMBERS.reader(), projectId);
    }

    List<StatusCount> countByStatus(UUID projectId) {
        return jdbc.query("select t.project_id, t.status, t.leaf, count(*) from " + TASKS.name()
                + " t where t.project_id = ? group by t.project_id, t.status, t.leaf", STATUS_COUNT, projectId);
    }

    /** Of the given projects (the viewer was found to see them). */
    List<StatusCount> countByStatus(List<UUID> projectIds) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select t.project_id, t.status, t.leaf, count(*) from " + TASKS.name()
                + " t where t.project_id in (" + placeholders(projectIds.size()) + ")"
                + " group by t.project_id, t.status, t.leaf", STATUS_COUNT, projectIds.toArray());
    }

    /** A condition on {@code t} and {@code p}: an assigned task of a project not archived that the viewer may see. */
    private static final String ASSIGNED_AND_VISIBLE = " t join " + PROJECTS.name()
            + " p on p.project_id = t.project_id where p.archived = false and t.assignee is not null and "
            + VISIBLE_TO_VIEWER;

    /**
     * The assignees of tasks of projects not archived that the viewer may see, in the database's order of text: at
     * most {@code limit}, those after {@code after} (null: from the first).
     */
    List<String> assignees(boolean everything, String viewer, String after, int limit) {
        return jdbc.query("select distinct t.assignee from " + TASKS.name() + ASSIGNED_AND_VISIBLE
                        + " and (cast(? as text) is null or t.assignee > ?) order by t.assignee limit ?",
                (row, number) -> row.getString(1), everything, viewer, after, after, limit);
    }

    /** The tasks of those assignees in projects not archived that the viewer may see, counted by status. */
    List<AssigneeStatusCount> countByAssigneeAndStatus(boolean everything, String viewer, List<String> assignees) {
        if (assignees.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>(List.of(everything, viewer));
        arguments.addAll(assignees);
        return jdbc.query("select t.assignee, t.status, count(*) from " + TASKS.name() + ASSIGNED_AND_VISIBLE
                        + " and t.assignee in (" + placeholders(assignees.size()) + ") group by t.assignee, t.status",
                (row, number) -> new AssigneeStatusCount(row.getString(1), TaskStatus.valueOf(row.getString(2)),
                        row.getLong(3)), arguments.toArray());
    }

    /**
     * The escalation of the task after that many attempts, whoever asks: a cursor names where a page ended, and only
     * its time is read from it.
     */
    Optional<BoardEscalation> escalation(UUID projectId, String taskKey, int attempts) {
        return jdbc.query(ESCALATIONS.selectWhere("project_id = ? and task_key = ? and attempts = ?"),
                ESCALATIONS.reader(), projectId, taskKey, attempts).stream().findFirst();
    }

    /**
     * Oldest first (entries of the same instant kept apart by project, task and attempts: what names an escalation,
     * the same after a replay), in projects the viewer may see; {@code status}
     * null for every escalation; at most {@code limit}, those after the entry {@code after} (null: from the oldest).
     */
    List<EscalationEntry> escalationInbox(String status, boolean everything, String viewer, BoardEscalation after,
                                          int limit) {
        OffsetDateTime escalatedAt = after == null ? null : after.escalatedAt().atOffset(ZoneOffset.UTC);
        return jdbc.query(ESCALATION_INBOX, (row, number) -> new EscalationEntry(
                        ESCALATIONS.reader().mapRow(row, number), row.getString("project_key"),
                        row.getString("title"), row.getString("assignee")),
                status, status, everything, viewer, escalatedAt, escalatedAt,
                after == null ? null : after.projectId(), after == null ? null : after.taskKey(),
                after == null ? null : after.attempts(), limit);
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /**
     * The READY leaf the agent should take first among those it may start (in projects not archived where it works
     * tasks, assigned to it or to nobody) that the viewer may see: the most urgent priority, then the oldest project
     * (projects created at the same instant kept apart by id), then plan order.
     */
    Optional<TaskOutline> nextStartable(String agent, boolean everything, String viewer) {
        return jdbc.query("select " + OUTLINE_COLUMNS + " from " + TASKS.name() + " t join " + PROJECTS.name()
                        + " p on p.project_id = t.project_id"
                        + " where p.archived = false and t.leaf = true and t.status = 'READY'"
                        + " and (t.assignee = ? or t.assignee is null)"
                        + " and exists (select 1 from " + MEMBERS.name() + " w where w.project_id = p.project_id"
                        + " and w.username = ? and w.role in (?, ?))"
                        + " and " + VISIBLE_TO_VIEWER
                        + " order by " + URGENCY + ", p.created_at, p.project_id, t.position limit 1",
                OUTLINE, agent, agent, ProjectRole.AGENT.name(), ProjectRole.CONTRIBUTOR.name(), everything,
                viewer).stream().findFirst();
    }

    private static final RowMapper<StatusCount> STATUS_COUNT = (row, number) -> new StatusCount(
            row.getObject(1, UUID.class), TaskStatus.valueOf(row.getString(2)), row.getBoolean(3), row.getLong(4));
}
