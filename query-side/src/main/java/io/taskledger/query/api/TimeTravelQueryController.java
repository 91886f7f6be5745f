package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.FindTaskQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.PageRequest;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.ReadModel;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import io.taskledger.api.timetravel.FindProjectAsOfQuery;
import io.taskledger.api.timetravel.FindTaskAsOfQuery;
import io.taskledger.api.timetravel.FindTasksAsOfQuery;
import io.taskledger.api.timetravel.PointInTime;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The board as it was: the project, task and tasks reads of {@link ProjectQueryController} with {@code asOf} (an
 * ISO-8601 instant) and/or {@code asOfVersion} (a project version), answered in the same shapes from the event store.
 * Spring routes a read here only when one of the two parameters is present. The {@code ETag} is the project's
 * current version, as for the live reads: the past shown cannot change while the project does not.
 */
@RestController
@ReadsFrom(ReadModel.TASK_BOARD)
@RequestMapping("/api/projects/{projectId}")
public class TimeTravelQueryController {

    private static final String AS_OF = "asOf";
    private static final String AS_OF_VERSION = "asOfVersion";

    private final BoardQueries queries;

    public TimeTravelQueryController(BoardQueries queries) {
        this.queries = queries;
    }

    @GetMapping(params = AS_OF)
    public ResponseEntity<ProjectSummary> projectAsOf(
            @PathVariable("projectId") String projectId,
            @RequestParam(AS_OF) String asOf,
            @RequestParam(name = AS_OF_VERSION, required = false) String asOfVersion,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        return project(projectId, pointInTime(asOf, asOfVersion), ifNoneMatch, caller);
    }

    @GetMapping(params = {AS_OF_VERSION, "!" + AS_OF})
    public ResponseEntity<ProjectSummary> projectAsOfVersion(
            @PathVariable("projectId") String projectId,
            @RequestParam(AS_OF_VERSION) String asOfVersion,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        return project(projectId, pointInTime(null, asOfVersion), ifNoneMatch, caller);
    }

    @GetMapping(path = "/tasks", params = AS_OF)
    public ResponseEntity<List<TaskRow>> tasksAsOf(
            @PathVariable("projectId") String projectId,
            @RequestParam(AS_OF) String asOf,
            @RequestParam(name = AS_OF_VERSION, required = false) String asOfVersion,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "assignee", required = false) String assignee,
            @RequestParam(name = "level", required = false) String level,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        return tasks(projectId, pointInTime(asOf, asOfVersion), status, assignee, level,
                PagedLists.request(after, limit), ifNoneMatch, caller);
    }

    @GetMapping(path = "/tasks", params = {AS_OF_VERSION, "!" + AS_OF})
    public ResponseEntity<List<TaskRow>> tasksAsOfVersion(
            @PathVariable("projectId") String projectId,
            @RequestParam(AS_OF_VERSION) String asOfVersion,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "assignee", required = false) String assignee,
            @RequestParam(name = "level", required = false) String level,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        return tasks(projectId, pointInTime(null, asOfVersion), status, assignee, level,
                PagedLists.request(after, limit), ifNoneMatch, caller);
    }

    @GetMapping(path = "/tasks/{taskKey}", params = AS_OF)
    public ResponseEntity<TaskDetails> taskAsOf(
            @PathVariable("projectId") String projectId,
            @PathVariable("taskKey") String taskKey,
            @RequestParam(AS_OF) String asOf,
            @RequestParam(name = AS_OF_VERSION, required = false) String asOfVersion,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        return task(projectId, taskKey, pointInTime(asOf, asOfVersion), ifNoneMatch, caller);
    }

    @GetMapping(path = "/tasks/{taskKey}", params = {AS_OF_VERSION, "!" + AS_OF})
    public ResponseEntity<TaskDetails> taskAsOfVersion(
            @PathVariable("projectId") String projectId,
            @PathVariable("taskKey") String taskKey,
            @RequestParam(AS_OF_VERSION) String asOfVersion,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Caller caller) {
        return task(projectId, taskKey, pointInTime(null, asOfVersion), ifNoneMatch, caller);
    }

    private ResponseEntity<ProjectSummary> project(String projectIdText, PointInTime at, String ifNoneMatch,
                                                   Caller caller) {
        ProjectScope scope = RequestValues.scope(projectIdText, null, ifNoneMatch, caller);
        return ProjectResponses.respond(queries.askProject(new FindProjectAsOfQuery(scope, at)),
                (ProjectSummary project) -> {
                    if (project == null) {
                        throw new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND,
                                "project " + scope.projectId() + " did not exist then");
                    }
                    return project;
                });
    }

    private ResponseEntity<List<TaskRow>> tasks(String projectId, PointInTime at, String status, String assignee,
                                                String level, PageRequest page, String ifNoneMatch, Caller caller) {
        FindTasksQuery tasks = new FindTasksQuery(RequestValues.scope(projectId, null, ifNoneMatch, caller),
                RequestValues.optionalEnum("status", status, TaskStatus.class),
                assignee == null || assignee.isBlank() ? null : assignee,
                RequestValues.optionalEnum("level", level, TaskLevel.class), page);
        ProjectAnswer<TaskList> answer = queries.askProject(new FindTasksAsOfQuery(tasks, at));
        if (answer.unchanged()) {
            return ProjectResponses.notModified(answer);
        }
        return PagedLists.headers(ResponseEntity.ok(), answer.body().page()).eTag(answer.version().etag())
                .cacheControl(ProjectResponses.REVALIDATE).body(answer.body().tasks());
    }

    private ResponseEntity<TaskDetails> task(String projectId, String taskKey, PointInTime at, String ifNoneMatch,
                                             Caller caller) {
        FindTaskQuery task = new FindTaskQuery(RequestValues.scope(projectId, null, ifNoneMatch, caller),
                RequestValues.taskKey(taskKey));
        return ProjectResponses.respond(queries.askProject(new FindTaskAsOfQuery(task, at)), (TaskDetails details) -> {
            if (details == null) {
                throw new TaskledgerException(ErrorCode.TASK_NOT_FOUND,
                        "project " + task.projectId() + " had no task " + task.taskKey() + " then");
            }
            return details;
        });
    }

    /** The point a request names; at least one of the two is given (the mappings require it). */
    static PointInTime pointInTime(String asOf, String asOfVersion) {
        return new PointInTime(asOf == null ? null : instant(asOf), asOfVersion == null ? null : version(asOfVersion));
    }

    /** An instant with its offset: {@code 2026-05-01T10:00:00Z} or {@code 2026-05-01T12:00:00+02:00}. */
    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                    AS_OF + " must be an ISO-8601 instant with an offset, e.g. 2026-05-01T10:00:00Z, not '" + text + "'");
        }
    }

    private static long version(String text) {
        try {
            long version = Long.parseLong(text.strip());
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                AS_OF_VERSION + " must be a project version (a number from 0), not '" + text + "'");
    }
}
