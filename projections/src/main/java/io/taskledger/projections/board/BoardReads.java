package io.taskledger.projections.board;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Arrays;
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

    private static final String VISIBLE_PROJECTS = "select " + PROJECTS.columns("p") + " from " + PROJECTS.name()
            + " p where " + VISIBLE_TO_VIEWER + " order by p.created_at desc";

    private static final String ESCALATION_INBOX = "select " + ESCALATIONS.columns("e")
            + ", p.project_key, t.title, t.assignee from " + ESCALATIONS.name() + " e"
            + " join " + PROJECTS.name() + " p on p.project_id = e.project_id"
            + " join " + TASKS.name() + " t on t.project_id = e.project_id and t.task_key = e.task_key"
            + " where (cast(? as text) is null or e.status = ?) and " + VISIBLE_TO_VIEWER + " order by e.escalated_at";

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

    /** Newest first: the projects the viewer is a member of, or every project when it reads everything. */
    List<BoardProject> visibleProjects(boolean everything, String viewer) {
        return jdbc.query(VISIBLE_PROJECTS, PROJECTS.reader(), everything, viewer);
    }

    /** Every task of the project, in plan order. */
    List<TaskOutline> outlines(UUID projectId) {
        return jdbc.query("select " + OUTLINE_COLUMNS + " from " + TASKS.name()
                + " t where t.project_id = ? order by t.position", OUTLINE, projectId);
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

    /** Over the projects the viewer may see. */
    List<StatusCount> countVisibleByStatus(boolean everything, String viewer) {
        return jdbc.query("select t.project_id, t.status, t.leaf, count(*) from " + TASKS.name() + " t join "
                + PROJECTS.name() + " p on p.project_id = t.project_id where " + VISIBLE_TO_VIEWER
                + " group by t.project_id, t.status, t.leaf", STATUS_COUNT, everything, viewer);
    }

    /** Assigned tasks of projects not archived that the viewer may see, counted by assignee and status. */
    List<AssigneeStatusCount> countByAssigneeAndStatus(boolean everything, String viewer) {
        return jdbc.query("select t.assignee, t.status, count(*) from " + TASKS.name() + " t join " + PROJECTS.name()
                        + " p on p.project_id = t.project_id where p.archived = false and t.assignee is not null and "
                        + VISIBLE_TO_VIEWER + " group by t.assignee, t.status",
                (row, number) -> new AssigneeStatusCount(row.getString(1), TaskStatus.valueOf(row.getString(2)),
                        row.getLong(3)), everything, viewer);
    }

    /** Oldest first, in projects the viewer may see; {@code status} null for every escalation. */
    List<EscalationEntry> escalationInbox(String status, boolean everything, String viewer) {
        return jdbc.query(ESCALATION_INBOX, (row, number) -> new EscalationEntry(
                        ESCALATIONS.reader().mapRow(row, number), row.getString("project_key"),
                        row.getString("title"), row.getString("assignee")),
                status, status, everything, viewer);
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
