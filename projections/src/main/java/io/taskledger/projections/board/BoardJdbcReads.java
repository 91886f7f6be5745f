package io.taskledger.projections.board;

import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.projections.json.TaskKeyListConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The board's most frequent reads (every project-scoped request's visibility check, the board, an agent's next
 * task) in plain SQL, straight into the answers' shapes: building JPA entities, with every JSON column decoded, took
 * most of a board read's CPU (docs/benchmarks.md).
 */
@Component
class BoardJdbcReads {

    private static final String OUTLINE_COLUMNS = """
            t.project_id, t.task_key, t.level, t.parent_key, t.title, t.status, t.assignee, t.priority, t.attempts,
            t.max_retries, t.prerequisites, t.position""";

    /** Most urgent first, in the enum's declared order, whatever the names sort as. */
    private static final String URGENCY = Arrays.stream(Priority.values())
            .map(priority -> "when '" + priority.name() + "' then " + priority.ordinal())
            .collect(Collectors.joining(" ", "case t.priority ", " end"));

    private static final TaskKeyListConverter KEY_LIST = new TaskKeyListConverter();

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
            KEY_LIST.convertToEntityAttribute(row.getString("prerequisites")),
            row.getInt("position"));

    private final JdbcTemplate jdbc;

    BoardJdbcReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The version the board reflects, when the viewer may see the project. */
    Optional<Long> visibleVersion(UUID projectId, boolean everything, String viewer) {
        return jdbc.query("""
                        select p.version from board_project p
                        where p.project_id = ?
                          and (? or exists (select 1 from board_member m
                                where m.project_id = p.project_id and m.username = ?))""",
                (row, number) -> row.getLong(1), projectId, everything, viewer).stream().findFirst();
    }

    /** Every task of the project, in plan order. */
    List<TaskOutline> outlines(UUID projectId) {
        return jdbc.query("select " + OUTLINE_COLUMNS + " from board_task t where t.project_id = ? order by t.position",
                OUTLINE, projectId);
    }

    /**
     * The READY leaf the agent should take first among those it may start (in projects not archived where it works
     * tasks, assigned to it or to nobody) that the viewer may see: the most urgent priority, then the oldest project
     * (projects created at the same instant kept apart by id), then plan order.
     */
    Optional<TaskOutline> nextStartable(String agent, boolean everything, String viewer) {
        return jdbc.query("select " + OUTLINE_COLUMNS + """
                         from board_task t join board_project p on p.project_id = t.project_id
                        where p.archived = false and t.leaf = true and t.status = 'READY'
                          and (t.assignee = ? or t.assignee is null)
                          and exists (select 1 from board_member w where w.project_id = p.project_id
                                and w.username = ? and w.role in (?, ?))
                          and (? or exists (select 1 from board_member m
                                where m.project_id = p.project_id and m.username = ?))
                        order by\s""" + URGENCY + ", p.created_at, p.project_id, t.position limit 1",
                OUTLINE, agent, agent, ProjectRole.AGENT.name(), ProjectRole.CONTRIBUTOR.name(), everything,
                viewer).stream().findFirst();
    }
}
