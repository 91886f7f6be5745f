package io.taskledger.projections.stream;

import io.taskledger.api.audit.RecordedEvent;
import io.taskledger.api.event.EscalationResolved;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.stream.EscalationChange;
import io.taskledger.api.stream.EscalationChangePage;
import io.taskledger.api.stream.FollowEscalationsQuery;
import io.taskledger.api.stream.FollowProjectQuery;
import io.taskledger.api.stream.ProjectChange;
import io.taskledger.api.stream.ProjectChangePage;
import io.taskledger.projections.audit.ProjectEventLog;
import io.taskledger.projections.board.ProjectReadAccess;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The first answers of the live streams (and their further pages): what happened after the position a client resumes
 * from, read from the event store, so a client resumes however far back it was; and, for a stream that opens without
 * one, where it starts. Who may follow a project is decided as for every project read ({@link ProjectReadAccess}).
 * The changes that follow are the {@link ChangeFeed}'s, which each of these queries starts if it is not running yet.
 */
@Component
public class StreamQueries {

    static final List<String> ESCALATION_TYPES = List.of(TaskEscalated.class.getName(),
            EscalationResolved.class.getName());

    private final EventStore eventStore;
    private final ProjectEventLog log;
    private final ProjectReadAccess access;
    private final ChangeFeed feed;

    public StreamQueries(EventStore eventStore, ProjectEventLog log, ProjectReadAccess access, ChangeFeed feed) {
        this.eventStore = eventStore;
        this.log = log;
        this.access = access;
        this.feed = feed;
    }

    @QueryHandler
    public ProjectChangePage handle(FollowProjectQuery query) {
        feed.ensureFollowing();
        access.open(query.scope());
        String aggregate = query.projectId().toString();
        long current = eventStore.lastSequenceNumberFor(aggregate).orElse(-1L);
        if (query.afterVersion() == null || query.afterVersion() >= current) {
            return new ProjectChangePage(List.of(), false, current);
        }
        List<ProjectChange> read;
        try (Stream<? extends org.axonframework.eventhandling.DomainEventMessage<?>> events =
                     eventStore.readEvents(aggregate, query.afterVersion() + 1).asStream()) {
            read = events.limit(query.limit() + 1L).map(Changes::of).toList();
        }
        boolean hasMore = read.size() > query.limit();
        List<ProjectChange> page = hasMore ? read.subList(0, query.limit()) : read;
        long version = page.isEmpty() ? current : page.get(page.size() - 1).version();
        return new ProjectChangePage(page, hasMore, hasMore ? version : Math.max(version, current));
    }

    /** The inbox's changes in the projects the viewer may see now, as the inbox itself shows them. */
    @QueryHandler
    public EscalationChangePage handle(FollowEscalationsQuery query) {
        feed.ensureFollowing();
        long head = log.newestPosition();
        if (query.afterPosition() == null || query.afterPosition() >= head) {
            return new EscalationChangePage(List.of(), false, head);
        }
        List<ProjectEventLog.Stored> read = log.storedEventsOfTypes(ESCALATION_TYPES, query.afterPosition(),
                query.limit() + 1);
        boolean hasMore = read.size() > query.limit();
        List<ProjectEventLog.Stored> page = hasMore ? read.subList(0, query.limit()) : read;
        Map<String, Boolean> visible = new HashMap<>();
        List<EscalationChange> changes = new ArrayList<>();
        for (ProjectEventLog.Stored stored : page) {
            if (visible.computeIfAbsent(stored.projectId(), projectId -> access.visible(new ProjectId(UUID.fromString(projectId)), query.viewer()))) {
                changes.add(escalation(stored));
            }
        }
        long position = page.isEmpty() ? head : page.get(page.size() - 1).event().globalPosition();
        return new EscalationChangePage(changes, hasMore, hasMore ? position : Math.max(position, head));
    }

    private static EscalationChange escalation(ProjectEventLog.Stored stored) {
        RecordedEvent event = stored.event();
        Object taskKey = event.payload().get("taskKey");
        return new EscalationChange(event.globalPosition(), event.type(), stored.projectId(), event.sequence(),
                taskKey == null ? null : taskKey.toString(), event.eventId(), event.timestamp(),
                event.metadata().actor());
    }
}
