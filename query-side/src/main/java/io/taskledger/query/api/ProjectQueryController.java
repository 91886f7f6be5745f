package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.FindMembersQuery;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.FindProjectsQuery;
import io.taskledger.api.query.FindTaskQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.MemberList;
import io.taskledger.api.query.ProjectList;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The board of projects and their tasks. Project-scoped reads honour {@value ProjectReadGate#MIN_VERSION_HEADER}. */
@RestController
@RequestMapping("/api/projects")
public class ProjectQueryController {

    private final BoardQueries queries;
    private final ProjectReadGate gate;

    public ProjectQueryController(BoardQueries queries, ProjectReadGate gate) {
        this.queries = queries;
        this.gate = gate;
    }

    /** Newest first: the projects the caller is a member of, or all for ADMIN and AUDITOR. */
    @GetMapping
    public List<ProjectSummary> projects(Caller caller) {
        return queries.ask(new FindProjectsQuery(caller), ProjectList.class).projects();
    }

    /** With the version it reflects as ETag. */
    @GetMapping("/{projectId}")
    public ResponseEntity<ProjectSummary> project(
            @PathVariable("projectId") String projectIdText,
            @RequestHeader(name = ProjectReadGate.MIN_VERSION_HEADER, required = false) String minVersion,
            Caller caller) {
        ProjectId projectId = RequestValues.projectId(projectIdText);
        gate.open(projectId, minVersion, caller);
        ProjectSummary project = queries.askOptional(new FindProjectQuery(projectId), ProjectSummary.class)
                .orElseThrow(() -> projectNotFound(projectId));
        return ResponseEntity.ok().eTag(Long.toString(project.version())).body(project);
    }

    /** In plan order; each filter optional. */
    @GetMapping("/{projectId}/tasks")
    public List<TaskRow> tasks(
            @PathVariable("projectId") String projectIdText,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "assignee", required = false) String assignee,
            @RequestParam(name = "level", required = false) String level,
            @RequestHeader(name = ProjectReadGate.MIN_VERSION_HEADER, required = false) String minVersion,
            Caller caller) {
        FindTasksQuery query = new FindTasksQuery(RequestValues.projectId(projectIdText),
                RequestValues.optionalEnum("status", status, TaskStatus.class),
                assignee == null || assignee.isBlank() ? null : assignee,
                RequestValues.optionalEnum("level", level, TaskLevel.class));
        gate.open(query.projectId(), minVersion, caller);
        return queries.ask(query, TaskList.class).tasks();
    }

    @GetMapping("/{projectId}/tasks/{taskKey}")
    public TaskDetails task(
            @PathVariable("projectId") String projectIdText,
            @PathVariable("taskKey") String taskKeyText,
            @RequestHeader(name = ProjectReadGate.MIN_VERSION_HEADER, required = false) String minVersion,
            Caller caller) {
        FindTaskQuery query = new FindTaskQuery(RequestValues.projectId(projectIdText),
                RequestValues.taskKey(taskKeyText));
        gate.open(query.projectId(), minVersion, caller);
        return queries.askOptional(query, TaskDetails.class)
                .orElseThrow(() -> new TaskledgerException(ErrorCode.TASK_NOT_FOUND,
                        "project " + query.projectId() + " has no task " + query.taskKey()));
    }

    /** By username. */
    @GetMapping("/{projectId}/members")
    public List<MemberList.Member> members(
            @PathVariable("projectId") String projectIdText,
            @RequestHeader(name = ProjectReadGate.MIN_VERSION_HEADER, required = false) String minVersion,
            Caller caller) {
        ProjectId projectId = RequestValues.projectId(projectIdText);
        gate.open(projectId, minVersion, caller);
        return queries.ask(new FindMembersQuery(projectId), MemberList.class).members();
    }

    private static TaskledgerException projectNotFound(ProjectId projectId) {
        return new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND, "project " + projectId + " does not exist");
    }
}
