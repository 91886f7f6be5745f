package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.stream.EscalationChange;
import io.taskledger.api.stream.EscalationChangePage;
import io.taskledger.api.stream.FollowEscalationsQuery;
import io.taskledger.api.stream.FollowProjectQuery;
import io.taskledger.api.stream.ProjectChange;
import io.taskledger.api.stream.ProjectChangePage;
import io.taskledger.query.stream.Follow;
import io.taskledger.query.stream.LiveStreams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.security.Principal;

/**
 * Live streams ({@code text/event-stream}, docs/streams.md): a project's changes, one event per version, and the
 * caller's escalation inbox. A client resumes with {@code Last-Event-ID} (or {@code ?after=}, for clients that cannot
 * set the header), from the event store however far back it is.
 */
@RestController
public class LiveStreamController {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final LiveStreams streams;
    private final BoardQueries queries;

    public LiveStreamController(LiveStreams streams, BoardQueries queries) {
        this.streams = streams;
        this.queries = queries;
    }

    /**
     * Every change of the project after the version the client resumes from ({@code id:} of the last event it
     * received), or from the project's current version on; refused 404 PROJECT_NOT_FOUND, as any read, for a project
     * the caller may not see.
     */
    @GetMapping(path = "/api/projects/{projectId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter projectStream(@PathVariable("projectId") String projectIdText,
                                    @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
                                    @RequestParam(name = "after", required = false) String after,
                                    @RequestHeader(name = RequestValues.MIN_VERSION_HEADER, required = false)
                                    String minVersion,
                                    Caller caller, Principal principal) {
        ProjectScope scope = RequestValues.scope(projectIdText, minVersion, caller);
        Long resumeAfter = position(lastEventId, after);
        return streams.openSse(projectFollow(scope, resumeAfter, streams, queries), caller, principal, resumeAfter);
    }

    /** A project's changes after a version (null: from its current version on), for every door that streams them. */
    static Follow<ProjectChangePage, ProjectChange> projectFollow(ProjectScope scope, Long resumeAfter,
                                                                 LiveStreams streams, BoardQueries queries) {
        int page = streams.historyPage();
        return new Follow<>(
                new FollowProjectQuery(scope, resumeAfter, page), ProjectChangePage.class, ProjectChange.class,
                LiveStreamController::projectPage,
                version -> projectPage(queries.ask(new FollowProjectQuery(scope, version, page),
                        ProjectChangePage.class)),
                ProjectChange::version, ProjectChange::type, true, "project " + scope.projectId());
    }

    /**
     * Every change of the caller's escalation inbox (a task escalated, an escalation resolved, in the projects the
     * caller may see) after the store position the client resumes from, or from now on.
     */
    @GetMapping(path = "/api/escalations/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter escalationStream(@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
                                       @RequestParam(name = "after", required = false) String after,
                                       Caller caller, Principal principal) {
        Long resumeAfter = position(lastEventId, after);
        int page = streams.historyPage();
        Follow<EscalationChangePage, EscalationChange> follow = new Follow<>(
                new FollowEscalationsQuery(caller, resumeAfter, page), EscalationChangePage.class,
                EscalationChange.class, LiveStreamController::escalationPage,
                position -> escalationPage(queries.ask(new FollowEscalationsQuery(caller, position, page),
                        EscalationChangePage.class)),
                EscalationChange::position, EscalationChange::type, false, "escalations of " + caller.username());
        return streams.openSse(follow, caller, principal, resumeAfter);
    }

    private static Follow.Page<ProjectChange> projectPage(ProjectChangePage page) {
        return new Follow.Page<>(page.changes(), page.hasMore(), page.version());
    }

    private static Follow.Page<EscalationChange> escalationPage(EscalationChangePage page) {
        return new Follow.Page<>(page.changes(), page.hasMore(), page.position());
    }

    /** The header wins over the parameter; null when neither is given. */
    private static Long position(String lastEventId, String after) {
        String text = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(text.strip());
            if (position >= -1) {
                return position;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new TaskledgerException(ErrorCode.INVALID_INPUT, LAST_EVENT_ID + " (or after) must be the id of an event"
                + " the stream sent (a whole number; -1 for everything from the start), not '" + text + "'");
    }
}
