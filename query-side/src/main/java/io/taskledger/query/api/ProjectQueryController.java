package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.FindMembersQuery;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.FindProjectsQuery;
import io.taskledger.api.query.FindTaskQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.MemberList;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectList;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.ReadModel;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.function.Function;

/**
 * The board of projects and their tasks. Project-scoped reads carry the caller as viewer and honour
 * {@value RequestValues#MIN_VERSION_HEADER}; the query handlers decide what the viewer may see. Each answers the
 * project version it reflects as {@code ETag} and honours {@code If-None-Match} ({@link ProjectResponses}).
 */
@RestController
@ReadsFrom(ReadModel.TASK_BOARD)
@RequestMapping("/api/projects")
public class ProjectQueryController {

    private static final String MIN_VERSION = RequestValues.MIN_VERSION_HEADER;

    private final BoardQueries queries;
    private final SerializedBoards boards;

    public ProjectQueryController(BoardQueries queries, SerializedBoards boards) {
        this.queries = queries;
        this.boards = boards;
    }

    /**
     * Newest first: the projects the caller is a member of, or all for ADMIN and AUDITOR; one page of them
     * ({@link PagedLists}), whose cursor is the last project's id.
     */
    @GetMapping
    public ResponseEntity<List<ProjectSummary>> projects(
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            Caller caller) {
        ProjectList page = queries.ask(new FindProjectsQuery(caller, PagedLists.request(after, limit)),
                ProjectList.class);
        return PagedLists.page(page.projects(), page.page());
    }

    @GetMapping("/{projectId}")
    public ResponseEntity<ProjectSummary> project(
            @PathVariable("projectId") String projectIdText,
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        return ProjectResponses.respond(queries.askProject(new FindProjectQuery(
                RequestValues.scope(projectIdText, minVersion, ifNoneMatch, caller))), Function.identity());
    }

    /**
     * In plan order; each filter optional; one page of them ({@link PagedLists}), whose cursor is the last task's
     * {@code position}. Serialized once per project version and filter ({@link SerializedBoards});
     * each request still has its viewer checked by the query handler.
     */
    @GetMapping("/{projectId}/tasks")
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ResponseEntity<List<TaskRow>> tasks(
            @PathVariable("projectId") String projectIdText,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "assignee", required = false) String assignee,
            @RequestParam(name = "level", required = false) String level,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        ProjectScope scope = RequestValues.scope(projectIdText, minVersion, ifNoneMatch, caller);
        FindTasksQuery board = new FindTasksQuery(scope,
                RequestValues.optionalEnum("status", status, TaskStatus.class),
                assignee == null || assignee.isBlank() ? null : assignee,
                RequestValues.optionalEnum("level", level, TaskLevel.class), PagedLists.request(after, limit));
        ProjectVersion kept = boards.versionOf(board);
        FindTasksQuery query = kept == null ? board : new FindTasksQuery(scope.alsoKnowing(kept), board.status(),
                board.assignee(), board.level(), board.page());
        ProjectAnswer<TaskList> answer = queries.askProject(query);
        if (answer.unchanged() && scope.known().contains(answer.version())) {
            return ProjectResponses.notModified(answer);
        }
        SerializedBoards.RawRows rows = answer.unchanged() ? boards.kept(board, answer.version()) : null;
        if (rows == null) {
            TaskList read = answer.unchanged() ? queries.<TaskList>askProject(board).body() : answer.body();
            rows = boards.keep(board, answer.version(), read.tasks(), read.page());
        }
        // The rows go out as the JSON kept for this version: the declared type is what that JSON holds.
        return (ResponseEntity) PagedLists.headers(ResponseEntity.ok(), rows.end()).eTag(answer.version().etag())
                .cacheControl(ProjectResponses.REVALIDATE).body(rows);
    }

    @GetMapping("/{projectId}/tasks/{taskKey}")
    public ResponseEntity<TaskDetails> task(
            @PathVariable("projectId") String projectIdText,
            @PathVariable("taskKey") String taskKeyText,
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        FindTaskQuery query = new FindTaskQuery(RequestValues.scope(projectIdText, minVersion, ifNoneMatch, caller),
                RequestValues.taskKey(taskKeyText));
        return ProjectResponses.respond(queries.askProject(query), (TaskDetails task) -> {
            if (task == null) {
                throw new TaskledgerException(ErrorCode.TASK_NOT_FOUND,
                        "project " + query.projectId() + " has no task " + query.taskKey());
            }
            return task;
        });
    }

    /** By username. */
    @GetMapping("/{projectId}/members")
    public ResponseEntity<List<MemberList.Member>> members(
            @PathVariable("projectId") String projectIdText,
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        return ProjectResponses.respond(queries.askProject(new FindMembersQuery(
                RequestValues.scope(projectIdText, minVersion, ifNoneMatch, caller))), MemberList::members);
    }
}
