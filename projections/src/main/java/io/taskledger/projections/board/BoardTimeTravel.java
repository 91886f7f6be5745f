package io.taskledger.projections.board;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.timetravel.FindProjectAsOfQuery;
import io.taskledger.api.timetravel.FindTaskAsOfQuery;
import io.taskledger.api.timetravel.FindTasksAsOfQuery;
import io.taskledger.api.timetravel.PointInTime;
import io.taskledger.projections.audit.ProjectEventLog;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers the board's questions about the past: it replays the project's events up to the point asked for through
 * the same {@link TaskBoardProjection} that builds the live board, into an {@link InMemoryBoardStore}, and answers
 * from that with the same {@link BoardViews}. The live read model is neither read nor touched, except for who may
 * see the project ({@link ProjectReadAccess}), decided as for every project-scoped query.
 */
@Component
public class BoardTimeTravel {

    /**
     * The projection's handlers, inspected once: an {@code AnnotationEventHandlerAdapter} per replay inspected them
     * again each time, a tenth of a rebuild's CPU.
     */
    private static final AnnotatedHandlerInspector<TaskBoardProjection> HANDLERS =
            AnnotatedHandlerInspector.inspectType(TaskBoardProjection.class);

    private final ProjectEventLog eventLog;
    private final ProjectReadAccess access;

    public BoardTimeTravel(ProjectEventLog eventLog, ProjectReadAccess access) {
        this.eventLog = eventLog;
        this.access = access;
    }

    /**
     * A null body when the project did not exist yet. Every answer carries the project's current version: the past
     * it shows does not change while the project does not, and a new event can only make it change.
     */
    @QueryHandler
    public ProjectAnswer<ProjectSummary> handle(FindProjectAsOfQuery query) {
        return access.answer(query.scope(), () -> rebuild(query.projectId(), query.at())
                .map(board -> BoardViews.summary(board.project(query.projectId().value()).orElseThrow(),
                        BoardViews.countByStatus(board.tasksOf(query.projectId().value()))))
                .orElse(null));
    }

    @QueryHandler
    public ProjectAnswer<TaskList> handle(FindTasksAsOfQuery query) {
        ProjectId projectId = query.tasks().projectId();
        return access.answer(query.scope(), () -> {
            InMemoryBoardStore board = existing(projectId, query.at());
            return BoardViews.tasks(board.tasksOf(projectId.value()), query.tasks());
        });
    }

    /** A null body when the task did not exist yet. */
    @QueryHandler
    public ProjectAnswer<TaskDetails> handle(FindTaskAsOfQuery query) {
        UUID projectId = query.task().projectId().value();
        return access.answer(query.scope(), () -> {
            InMemoryBoardStore board = existing(query.task().projectId(), query.at());
            return BoardViews.task(board.tasksOf(projectId), query.task().taskKey(),
                    task -> board.attemptsOf(projectId, task.getKey().value()));
        });
    }

    private InMemoryBoardStore existing(ProjectId projectId, PointInTime at) {
        return rebuild(projectId, at).orElseThrow(() -> new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND,
                "project " + projectId + " did not exist at " + describe(at)));
    }

    /** Empty when no event of the project had happened by then. */
    Optional<InMemoryBoardStore> rebuild(ProjectId projectId, PointInTime at) {
        InMemoryBoardStore board = new InMemoryBoardStore();
        TaskBoardProjection projection = new TaskBoardProjection(board);
        eventLog.stream(projectId)
                .takeWhile(event -> at.includes(event::getTimestamp, event.getSequenceNumber()))
                .forEach(event -> {
                    try {
                        handle(projection, event);
                    } catch (Exception e) {
                        throw new IllegalStateException("replaying " + event.getPayloadType().getSimpleName() + " #"
                                + event.getSequenceNumber() + " of project " + projectId + " failed", e);
                    }
                });
        return board.project(projectId.value()).map(project -> board);
    }

    /** As Axon's {@code AnnotationEventHandlerAdapter} handles an event: by the first handler that can take it. */
    private static void handle(TaskBoardProjection projection, DomainEventMessage<?> event) throws Exception {
        Optional<MessageHandlingMember<? super TaskBoardProjection>> handler =
                HANDLERS.getHandlers(TaskBoardProjection.class).filter(member -> member.canHandle(event)).findFirst();
        if (handler.isPresent()) {
            HANDLERS.chainedInterceptor(TaskBoardProjection.class).handle(event, projection, handler.get());
        }
    }

    private static String describe(PointInTime at) {
        return List.of(at.asOf() == null ? "" : at.asOf().toString(),
                        at.asOfVersion() == null ? "" : "version " + at.asOfVersion())
                .stream().filter(part -> !part.isEmpty()).reduce((a, b) -> a + " / " + b).orElse("that point");
    }
}
