package io.taskledger.projections.board;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.AgentWorkload;
import io.taskledger.api.query.AgentWorkloadList;
import io.taskledger.api.query.EscalationList;
import io.taskledger.api.query.FindAgentWorkloadsQuery;
import io.taskledger.api.query.FindEscalationsQuery;
import io.taskledger.api.query.FindMembersQuery;
import io.taskledger.api.query.FindNextTaskQuery;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.FindProjectsQuery;
import io.taskledger.api.query.FindTaskQuery;
import io.taskledger.api.query.FindTasksOfProjectsQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.MemberList;
import io.taskledger.api.query.PageRequest;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectList;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import io.taskledger.api.query.TasksOfProjects;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Answers the board's queries from its read models; each answer takes a fixed number of database queries. A
 * project-scoped query is answered only once {@link ProjectReadAccess} lets its viewer see the project; the others
 * count only over the projects the viewer may see.
 */
@Component
public class TaskBoardQueries {

    private final BoardReads board;
    private final ProjectReadAccess access;

    TaskBoardQueries(BoardReads board, ProjectReadAccess access) {
        this.board = board;
        this.access = access;
    }

    /**
     * The projects' rows and their task counts are read in one snapshot (repeatable read), so that the version a
     * summary states is the version its counts reflect. (Nothing waits inside this transaction: a read that must
     * reflect a position waits before the query is sent.)
     *
     * <p>Newest first, one page. The cursor is the id of the last project of the page before; it must name a project the
     * viewer sees (projects are never deleted), else it is malformed.
     */
    @QueryHandler
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ProjectList handle(FindProjectsQuery query) {
        Caller viewer = query.viewer();
        boolean everything = viewer.role().readsEverything();
        PageRequest page = query.page();
        UUID afterId = page.afterId();
        BoardProject after = afterId == null ? null : board.visibleProject(afterId, everything, viewer.username())
                .orElseThrow(() -> page.malformed("the id of a project on the list"));
        List<BoardProject> read = board.visibleProjects(everything, viewer.username(), after, page.rowsToRead());
        List<BoardProject> projects = page.items(read);
        // Counted over the projects of the page only.
        Map<UUID, List<StatusCount>> countsByProject = board
                .countByStatus(projects.stream().map(BoardProject::getProjectId).toList()).stream()
                .collect(Collectors.groupingBy(StatusCount::projectId));
        return new ProjectList(projects.stream()
                .map(project -> BoardViews.summary(project,
                        countsByProject.getOrDefault(project.getProjectId(), List.of())))
                .toList(), page.end(read, project -> project.getProjectId().toString()));
    }

    /** Refused as not found when the project is unknown or hidden from the viewer. */
    @QueryHandler
    @Transactional(readOnly = true)
    public ProjectAnswer<ProjectSummary> handle(FindProjectQuery query) {
        UUID projectId = query.projectId().value();
        return access.answer(query.scope(), () -> board.project(projectId)
                .map(project -> BoardViews.summary(project, board.countByStatus(projectId)))
                .orElseThrow(() -> ProjectReadAccess.notFound(query.projectId())));
    }

    /** By username. */
    @QueryHandler
    public ProjectAnswer<MemberList> handle(FindMembersQuery query) {
        return access.answer(query.scope(), () -> new MemberList(board.members(query.projectId().value()).stream()
                .map(member -> new MemberList.Member(member.getUsername(), member.getRole()))
                .toList()));
    }

    /** Plan order. */
    @QueryHandler
    public ProjectAnswer<TaskList> handle(FindTasksQuery query) {
        return access.answer(query.scope(),
                () -> BoardViews.taskList(board.outlines(query.projectId().value()), query));
    }

    /** One read for all the projects; those hidden from the viewer are left out. */
    @QueryHandler
    public TasksOfProjects handle(FindTasksOfProjectsQuery query) {
        Caller viewer = query.viewer();
        Map<UUID, List<TaskOutline>> byProject = board.visibleOutlines(
                        query.projectIds().stream().map(ProjectId::value).toList(),
                        viewer.role().readsEverything(), viewer.username()).stream()
                .collect(Collectors.groupingBy(TaskOutline::projectId, LinkedHashMap::new, Collectors.toList()));
        Map<ProjectId, List<TaskRow>> tasks = new LinkedHashMap<>();
        byProject.forEach((projectId, outlines) -> tasks.put(new ProjectId(projectId),
                BoardViews.rows(outlines, query.status(), query.assignee(), query.level())));
        return new TasksOfProjects(tasks);
    }

    /** A null body when the project has no such task. */
    @QueryHandler
    @Transactional(readOnly = true)
    public ProjectAnswer<TaskDetails> handle(FindTaskQuery query) {
        UUID projectId = query.projectId().value();
        String key = query.taskKey().value();
        return access.answer(query.scope(), () -> board.task(projectId, key)
                .map(task -> BoardViews.details(task, new ProjectPlan(board.outlines(projectId)),
                        board.attempts(projectId, key)))
                .orElse(null));
    }

    /** Null when nothing is startable for the agent. */
    @QueryHandler
    public TaskRow handle(FindNextTaskQuery query) {
        Caller viewer = query.viewer();
        return board.nextStartable(query.agent(), viewer.role().readsEverything(), viewer.username())
                .map(task -> BoardViews.row(task, List.of()))  // a READY task waits for nothing
                .orElse(null);
    }

    /** By agent name, in the database's order of text, one page; the cursor is the last agent's name. */
    @QueryHandler
    @Transactional(readOnly = true)
    public AgentWorkloadList handle(FindAgentWorkloadsQuery query) {
        Caller viewer = query.viewer();
        boolean everything = viewer.role().readsEverything();
        PageRequest page = query.page();
        List<String> read = board.assignees(everything, viewer.username(), page.after(), page.rowsToRead());
        Map<String, Map<TaskStatus, Integer>> byAgent = new LinkedHashMap<>();
        page.items(read).forEach(agent -> byAgent.put(agent, new EnumMap<>(TaskStatus.class)));
        for (AssigneeStatusCount count
                : board.countByAssigneeAndStatus(everything, viewer.username(), page.items(read))) {
            byAgent.get(count.assignee()).put(count.status(), Math.toIntExact(count.tasks()));
        }
        List<AgentWorkload> workloads = new ArrayList<>();
        byAgent.forEach((agent, counts) -> workloads.add(new AgentWorkload(agent,
                counts.getOrDefault(TaskStatus.READY, 0),
                counts.getOrDefault(TaskStatus.PENDING, 0),
                counts.getOrDefault(TaskStatus.IN_PROGRESS, 0),
                counts.getOrDefault(TaskStatus.ESCALATED, 0),
                counts.getOrDefault(TaskStatus.SUCCEEDED, 0),
                counts.getOrDefault(TaskStatus.FAILED, 0))));
        // An agent whose last task moved away between the two reads shows with zeros: it was on the list when read.
        return new AgentWorkloadList(workloads, page.end(read, agent -> agent));
    }

    /**
     * Oldest escalation first, one page. The cursor names the last escalation of the page before as
     * {@code projectId/taskKey/attempts}; one that names no escalation is malformed.
     */
    @QueryHandler
    @Transactional(readOnly = true)
    public EscalationList handle(FindEscalationsQuery query) {
        Caller viewer = query.viewer();
        PageRequest page = query.page();
        BoardEscalation after = page.fromStart() ? null : escalationNamed(page);
        List<EscalationEntry> read = board.escalationInbox(query.status(), viewer.role().readsEverything(),
                viewer.username(), after, page.rowsToRead());
        return new EscalationList(page.items(read).stream().map(EscalationEntry::toView).toList(),
                page.end(read, entry -> entry.escalation().projectId() + "/" + entry.escalation().taskKey() + "/"
                        + entry.escalation().attempts()));
    }

    private BoardEscalation escalationNamed(PageRequest page) {
        String[] parts = page.after().split("/", -1);
        try {
            if (parts.length == 3) {
                return board.escalation(UUID.fromString(parts[0]), parts[1], Integer.parseInt(parts[2]))
                        .orElseThrow(IllegalArgumentException::new);
            }
        } catch (IllegalArgumentException notAnEscalation) {
            // refused below (NumberFormatException is one)
        }
        throw page.malformed("projectId/taskKey/attempts of an escalation in the inbox");
    }
}
