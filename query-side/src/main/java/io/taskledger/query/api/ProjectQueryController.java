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

/**
 * The board of projects and their tasks. Project-scoped reads carry the caller as viewer and honour
 * {@value RequestValues#MIN_VERSION_HEADER}; the query handlers decide what the viewer may see.
 */
@RestController
@RequestMapping("/api/projects")
public class ProjectQueryController {

    private static final String MIN_VERSION = RequestValues.MIN_VERSION_HEADER;

    private final BoardQueries queries;

    public ProjectQueryController(BoardQueries queries) {
        this.queries = queries;
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
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
            Caller caller) {
        ProjectSummary project = queries.ask(new FindProjectQuery(RequestValues.scope(projectIdText, minVersion,
                caller)), ProjectSummary.class);
        return ResponseEntity.ok().eTag(Long.toString(project.version())).body(project);
    }

    /** In plan order; each filter optional. */
    @GetMapping("/{projectId}/tasks")
    public List<TaskRow> tasks(
            @PathVariable("projectId") String projectIdText,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "assignee", required = false) String assignee,
            @RequestParam(name = "level", required = false) String level,
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
            Caller caller) {
        FindTasksQuery query = new FindTasksQuery(RequestValues.scope(projectIdText, minVersion, caller),
                RequestValues.optionalEnum("status", status, TaskStatus.class),
                assignee == null || assignee.isBlank() ? null : assignee,
                RequestValues.optionalEnum("level", level, TaskLevel.class));
        return queries.ask(query, TaskList.class).tasks();
    }

    @GetMapping("/{projectId}/tasks/{taskKey}")
    public TaskDetails task(
            @PathVariable("projectId") String projectIdText,
            @PathVariable("taskKey") String taskKeyText,
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
            Caller caller) {
        FindTaskQuery query = new FindTaskQuery(RequestValues.scope(projectIdText, minVersion, caller),
                RequestValues.taskKey(taskKeyText));
        return queries.askOptional(query, TaskDetails.class)
                .orElseThrow(() -> new TaskledgerException(ErrorCode.TASK_NOT_FOUND,
                        "project " + query.projectId() + " has no task " + query.taskKey()));
    }

    /** By username. */
    @GetMapping("/{projectId}/members")
    public List<MemberList.Member> members(
            @PathVariable("projectId") String projectIdText,
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
            Caller caller) {
        return queries.ask(new FindMembersQuery(RequestValues.scope(projectIdText, minVersion, caller)),
                MemberList.class).members();
    }
}
