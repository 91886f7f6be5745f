package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.audit.CausationChain;
import io.taskledger.api.audit.FindEventCausesQuery;
import io.taskledger.api.audit.FindProjectEventsQuery;
import io.taskledger.api.audit.FindTaskHistoryQuery;
import io.taskledger.api.audit.IntegrityReport;
import io.taskledger.api.audit.ProjectEventPage;
import io.taskledger.api.audit.TaskHistory;
import io.taskledger.api.audit.VerifyProjectQuery;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ReadModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.function.Function;

/**
 * What happened in a project, who did it and why: read from the event store, not from the board. The reads answer
 * the version the board reflects as {@code ETag}, as every project read does: the event store may already hold later
 * events, so a revalidation can answer 304 for as long as the board lags behind them.
 */
@RestController
@ReadsFrom(ReadModel.TASK_BOARD)
@RequestMapping("/api/projects/{projectId}")
public class AuditQueryController {

    private static final String MIN_VERSION = RequestValues.MIN_VERSION_HEADER;
    private static final String IF_NONE_MATCH = HttpHeaders.IF_NONE_MATCH;

    private final BoardQueries queries;

    public AuditQueryController(BoardQueries queries) {
        this.queries = queries;
    }

    /**
     * Members, ADMIN and AUDITOR read a project's history; anyone else learns nothing of it (the query handlers
     * decide). With {@code X-Min-Version} the read first waits until the project is known at that version, as every
     * project read does.
     */
    private static ProjectScope visible(String projectIdText, String minVersion, String ifNoneMatch, Caller caller) {
        return RequestValues.scope(projectIdText, minVersion, ifNoneMatch, caller);
    }

    /** The project's events in sequence order, from the one after {@code after}; follow {@code nextAfter}. */
    @GetMapping("/events")
    public ResponseEntity<ProjectEventPage> events(@PathVariable("projectId") String projectId,
                                   @RequestParam(name = "after", required = false) String after,
                                   @RequestParam(name = "limit", required = false) String limit,
                                   @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
                                   @RequestHeader(name = IF_NONE_MATCH, required = false) String ifNoneMatch,
                                   Caller caller) {
        long afterSequence = number("after", after, -1, -1, Long.MAX_VALUE);
        int pageSize = (int) number("limit", limit, FindProjectEventsQuery.DEFAULT_LIMIT, 1,
                FindProjectEventsQuery.MAX_LIMIT);
        return ProjectResponses.respond(queries.askProject(new FindProjectEventsQuery(
                visible(projectId, minVersion, ifNoneMatch, caller), afterSequence, pageSize)), Function.identity());
    }

    /** The task's timeline in plain words, each entry with its time and actor. */
    @GetMapping("/tasks/{taskKey}/history")
    public ResponseEntity<TaskHistory> history(@PathVariable("projectId") String projectId,
                               @PathVariable("taskKey") String taskKey,
                               @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
                               @RequestHeader(name = IF_NONE_MATCH, required = false) String ifNoneMatch,
                               Caller caller) {
        return ProjectResponses.respond(queries.askProject(new FindTaskHistoryQuery(
                visible(projectId, minVersion, ifNoneMatch, caller), RequestValues.taskKey(taskKey))),
                Function.identity());
    }

    /** Why the event happened: the events of the same command before it, then the command (or deadline) itself. */
    @GetMapping("/events/{eventId}/causes")
    public ResponseEntity<CausationChain> causes(@PathVariable("projectId") String projectId,
                                 @PathVariable("eventId") String eventId,
                                 @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
                                 @RequestHeader(name = IF_NONE_MATCH, required = false) String ifNoneMatch,
                                 Caller caller) {
        return ProjectResponses.respond(queries.askProject(new FindEventCausesQuery(
                visible(projectId, minVersion, ifNoneMatch, caller), eventId)), Function.identity());
    }

    /**
     * Recomputes the project's hash chain and names the first event that does not match. Never answered 304: it
     * looks for changes the project's version cannot show (rows altered in the database).
     */
    @GetMapping("/verify")
    public IntegrityReport verify(@PathVariable("projectId") String projectId,
                                  @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
                                  Caller caller) {
        return queries.ask(new VerifyProjectQuery(visible(projectId, minVersion, null, caller)), IntegrityReport.class);
    }

    /** The whole number a request parameter (or GraphQL argument) gives, {@code absent} when it gives none. */
    static long number(String parameter, String text, long absent, long min, long max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the range
        }
        throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                parameter + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }
}
