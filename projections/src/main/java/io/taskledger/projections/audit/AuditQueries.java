package io.taskledger.projections.audit;

import io.taskledger.api.audit.CausationChain;
import io.taskledger.api.audit.EventAuditMetadata;
import io.taskledger.api.audit.FindEventCausesQuery;
import io.taskledger.api.audit.FindProjectEventsQuery;
import io.taskledger.api.audit.FindTaskHistoryQuery;
import io.taskledger.api.audit.HistoryEntry;
import io.taskledger.api.audit.ProjectEventPage;
import io.taskledger.api.audit.RecordedEvent;
import io.taskledger.api.audit.TaskHistory;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskEvent;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.projections.board.ProjectReadAccess;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Answers auditors from the event store itself: the stored events, a task's timeline, and why an event happened.
 * Members, ADMIN and AUDITOR read a project's history ({@link ProjectReadAccess}); anyone else learns nothing of it.
 */
@Component
@Transactional(readOnly = true)
public class AuditQueries {

    private final ProjectEventLog log;
    private final ProjectReadAccess access;

    public AuditQueries(ProjectEventLog log, ProjectReadAccess access) {
        this.log = log;
        this.access = access;
    }

    /** Reads one more than the page holds, to tell whether more follow without counting the stream. */
    @QueryHandler
    public ProjectAnswer<ProjectEventPage> handle(FindProjectEventsQuery query) {
        return access.answer(query.scope(), () -> eventPage(query));
    }

    private ProjectEventPage eventPage(FindProjectEventsQuery query) {
        requireProject(query.projectId());
        List<RecordedEvent> read = log.storedEvents(query.projectId(), query.after(), query.limit() + 1);
        boolean hasMore = read.size() > query.limit();
        List<RecordedEvent> page = hasMore ? read.subList(0, query.limit()) : read;
        long nextAfter = page.isEmpty() ? query.after() : page.get(page.size() - 1).sequence();
        return new ProjectEventPage(query.projectId(), List.copyOf(page), nextAfter, hasMore);
    }

    @QueryHandler
    public ProjectAnswer<TaskHistory> handle(FindTaskHistoryQuery query) {
        return access.answer(query.scope(), () -> history(query));
    }

    private TaskHistory history(FindTaskHistoryQuery query) {
        List<DomainEventMessage<?>> events = messagesOf(query.projectId());
        List<HistoryEntry> entries = events.stream()
                .filter(event -> concerns(event.getPayload(), query.taskKey()))
                .map(AuditQueries::entry)
                .toList();
        if (entries.isEmpty()) {
            throw new TaskledgerException(ErrorCode.TASK_NOT_FOUND,
                    "project " + query.projectId() + " has no task " + query.taskKey());
        }
        return new TaskHistory(query.projectId(), query.taskKey(), entries);
    }

    @QueryHandler
    public ProjectAnswer<CausationChain> handle(FindEventCausesQuery query) {
        return access.answer(query.scope(), () -> causes(query));
    }

    private CausationChain causes(FindEventCausesQuery query) {
        List<DomainEventMessage<?>> events = messagesOf(query.projectId());
        DomainEventMessage<?> effect = events.stream()
                .filter(event -> event.getIdentifier().equals(query.eventId()))
                .findFirst()
                .orElseThrow(() -> new TaskledgerException(ErrorCode.EVENT_NOT_FOUND,
                        "project " + query.projectId() + " has no event " + query.eventId()));
        List<HistoryEntry> chain = new ArrayList<>();
        chain.add(entry(effect));
        Set<String> followed = new HashSet<>();
        DomainEventMessage<?> current = effect;
        while (true) {
            EventAuditMetadata audit = ProjectEventLog.auditMetadata(current.getMetaData());
            if (audit.causationId() == null || !followed.add(audit.causationId())) {
                break;
            }
            List<DomainEventMessage<?>> ofSameCause = causedBy(events, audit.causationId(), current);
            for (int i = ofSameCause.size() - 1; i >= 0; i--) {
                chain.add(entry(ofSameCause.get(i)));
            }
            DomainEventMessage<?> first = ofSameCause.isEmpty() ? current : ofSameCause.get(0);
            chain.add(cause(audit, first));
            // A deadline goes on to the message that scheduled it: its events came before the deadline's.
            if (!HistoryEntry.DEADLINE.equals(audit.causationKind()) || audit.deadlineScheduledBy() == null) {
                break;
            }
            List<DomainEventMessage<?>> ofScheduler = causedBy(events, audit.deadlineScheduledBy(), first);
            if (ofScheduler.isEmpty()) {
                break;
            }
            current = ofScheduler.get(ofScheduler.size() - 1);
            chain.add(entry(current));
        }
        return new CausationChain(query.projectId(), query.eventId(), chain);
    }

    /** The events the message produced before {@code before}, oldest first. */
    private static List<DomainEventMessage<?>> causedBy(List<DomainEventMessage<?>> events, String causationId,
                                                        DomainEventMessage<?> before) {
        return events.stream()
                .filter(event -> causationId.equals(event.getMetaData().get("causationId")))
                .filter(event -> event.getSequenceNumber() < before.getSequenceNumber())
                .toList();
    }

    private List<DomainEventMessage<?>> messagesOf(ProjectId projectId) {
        List<DomainEventMessage<?>> events = log.messages(projectId);
        if (events.isEmpty()) {
            throw projectNotFound(projectId);
        }
        return events;
    }

    private void requireProject(ProjectId projectId) {
        if (!log.exists(projectId)) {
            throw projectNotFound(projectId);
        }
    }

    private static boolean concerns(Object event, TaskKey taskKey) {
        if (event instanceof TaskAdded added) {
            return added.task().key().equals(taskKey);
        }
        return event instanceof TaskEvent taskEvent && taskEvent.taskKey().equals(taskKey);
    }

    private static HistoryEntry entry(DomainEventMessage<?> event) {
        String actor = ProjectEventLog.auditMetadata(event.getMetaData()).actor();
        return new HistoryEntry(HistoryEntry.EVENT, event.getIdentifier(), event.getSequenceNumber(),
                event.getTimestamp(), event.getPayloadType().getSimpleName(), actor,
                EventNarrator.describe(event.getPayload(), actor));
    }

    /** The causing message itself is not stored; its events carry its id, name, kind and actor. */
    private static HistoryEntry cause(EventAuditMetadata audit, DomainEventMessage<?> firstEvent) {
        String kind = Objects.requireNonNullElse(audit.causationKind(), HistoryEntry.COMMAND);
        String name = Objects.requireNonNullElse(audit.causationName(), "a message");
        String description = (HistoryEntry.DEADLINE.equals(kind) ? "deadline " + name + " fired"
                + (audit.deadlineScheduledBy() == null ? "" : ", scheduled by " + audit.deadlineScheduledBy())
                : name + (audit.actor() == null ? "" : " sent by " + audit.actor()))
                + " (correlation " + audit.correlationId() + ")";
        return new HistoryEntry(kind, audit.causationId(), null, firstEvent.getTimestamp(), audit.causationName(),
                audit.actor(), description);
    }

    private static TaskledgerException projectNotFound(ProjectId projectId) {
        return new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND, "project " + projectId + " does not exist");
    }
}
