package io.taskledger.projections.board;

import io.taskledger.api.access.Caller;
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
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.MemberList;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectList;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** Newest first. */
    @QueryHandler
    @Transactional(readOnly = true)
    public ProjectList handle(FindProjectsQuery query) {
        Caller viewer = query.viewer();
        // Counted over the projects the viewer sees, not over every project.
        Map<UUID, List<StatusCount>> countsByProject = board
                .countVisibleByStatus(viewer.role().readsEverything(), viewer.username()).stream()
                .collect(Collectors.groupingBy(StatusCount::projectId));
        return new ProjectList(board.visibleProjects(viewer.role().readsEverything(), viewer.username()).stream()
                .map(project -> BoardViews.summary(project,
                        countsByProject.getOrDefault(project.getProjectId(), List.of())))
                .toList());
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

    /** By agent name. */
    @QueryHandler
    public AgentWorkloadList handle(FindAgentWorkloadsQuery query) {
        Map<String, Map<TaskStatus, Integer>> byAgent = new TreeMap<>();
        Caller viewer = query.viewer();
        for (AssigneeStatusCount count
                : board.countByAssigneeAndStatus(viewer.role().readsEverything(), viewer.username())) {
            byAgent.computeIfAbsent(count.assignee(), agent -> new EnumMap<>(TaskStatus.class))
                    .put(count.status(), Math.toIntExact(count.tasks()));
        }
        List<AgentWorkload> workloads = new ArrayList<>();
        byAgent.forEach((agent, counts) -> workloads.add(new AgentWorkload(agent,
                counts.getOrDefault(TaskStatus.READY, 0),
                counts.getOrDefault(TaskStatus.PENDING, 0),
                counts.getOrDefault(TaskStatus.IN_PROGRESS, 0),
                counts.getOrDefault(TaskStatus.ESCALATED, 0),
                counts.getOrDefault(TaskStatus.SUCCEEDED, 0),
                counts.getOrDefault(TaskStatus.FAILED, 0))));
        return new AgentWorkloadList(workloads);
    }

    /** Oldest escalation first. */
    @QueryHandler
    public EscalationList handle(FindEscalationsQuery query) {
        Caller viewer = query.viewer();
        return new EscalationList(board.escalationInbox(query.status(), viewer.role().readsEverything(),
                viewer.username()).stream().map(EscalationEntry::toView).toList());
    }
}
