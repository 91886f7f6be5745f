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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What happened in a project, who did it and why: read from the event store, not from the board. */
@RestController
@RequestMapping("/api/projects/{projectId}")
public class AuditQueryController {

    private static final String MIN_VERSION = RequestValues.MIN_VERSION_HEADER;

    private final BoardQueries queries;

    public AuditQueryController(BoardQueries queries) {
        this.queries = queries;
    }

    /**
     * Members, ADMIN and AUDITOR read a project's history; anyone else learns nothing of it (the query handlers
     * decide). With {@code X-Min-Version} the read first waits until the project is known at that version, as every
     * project read does.
     */
    private static ProjectScope visible(String projectIdText, String minVersion, Caller caller) {
        return RequestValues.scope(projectIdText, minVersion, caller);
    }

    /** The project's events in sequence order, from the one after {@code after}; follow {@code nextAfter}. */
    @GetMapping("/events")
    public ProjectEventPage events(@PathVariable("projectId") String projectId,
                                   @RequestParam(name = "after", required = false) String after,
                                   @RequestParam(name = "limit", required = false) String limit,
                                   @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
                                   Caller caller) {
        long afterSequence = number("after", after, -1, -1, Long.MAX_VALUE);
        int pageSize = (int) number("limit", limit, FindProjectEventsQuery.DEFAULT_LIMIT, 1,
                FindProjectEventsQuery.MAX_LIMIT);
        return queries.ask(new FindProjectEventsQuery(visible(projectId, minVersion, caller), afterSequence, pageSize),
                ProjectEventPage.class);
    }

    /** The task's timeline in plain words, each entry with its time and actor. */
    @GetMapping("/tasks/{taskKey}/history")
    public TaskHistory history(@PathVariable("projectId") String projectId,
                               @PathVariable("taskKey") String taskKey,
                               @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
                               Caller caller) {
        return queries.ask(new FindTaskHistoryQuery(visible(projectId, minVersion, caller),
                RequestValues.taskKey(taskKey)), TaskHistory.class);
    }

    /** Why the event happened: the events of the same command before it, then the command (or deadline) itself. */
    @GetMapping("/events/{eventId}/causes")
    public CausationChain causes(@PathVariable("projectId") String projectId,
                                 @PathVariable("eventId") String eventId,
                                 @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
                                 Caller caller) {
        return queries.ask(new FindEventCausesQuery(visible(projectId, minVersion, caller), eventId),
                CausationChain.class);
    }

    /** Recomputes the project's hash chain and names the first event that does not match. */
    @GetMapping("/verify")
    public IntegrityReport verify(@PathVariable("projectId") String projectId,
                                  @RequestHeader(name = MIN_VERSION, required = false) String minVersion,
                                  Caller caller) {
        return queries.ask(new VerifyProjectQuery(visible(projectId, minVersion, caller)), IntegrityReport.class);
    }

    private static long number(String parameter, String text, long absent, long min, long max) {
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
