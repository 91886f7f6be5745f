package io.taskledger.projections.board;

import io.taskledger.api.event.AttemptFailed;
import io.taskledger.api.event.AttemptSucceeded;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.EscalationResolved;
import io.taskledger.api.event.MemberAdded;
import io.taskledger.api.event.MemberRemoved;
import io.taskledger.api.event.MemberRoleChanged;
import io.taskledger.api.event.PrerequisiteAdded;
import io.taskledger.api.event.PrerequisiteRemoved;
import io.taskledger.api.event.ProjectArchived;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.api.event.ProjectEvent;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskAssigned;
import io.taskledger.api.event.TaskBecamePending;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskEvent;
import io.taskledger.api.event.TaskFailed;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.TaskStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds the task board (projects, tasks, attempts, escalations) from the project events. Every event of a project
 * carries its sequence number; the project row keeps the last one applied, so a redelivered or replayed event is
 * skipped and a replay from the start rebuilds the same rows. It reads and writes only through a {@link BoardStore}:
 * the live board in PostgreSQL, or a board of the past rebuilt in memory by {@link BoardTimeTravel}.
 */
@Component
@ProcessingGroup(TaskBoardProjection.PROCESSING_GROUP)
public class TaskBoardProjection {

    public static final String PROCESSING_GROUP = "task-board";

    private final BoardStore board;

    public TaskBoardProjection(BoardStore board) {
        this.board = board;
    }

    /** Lets the board refuse an event of a project whose rows the database refused (see {@link JdbcBoardStore}). */
    @MessageHandlerInterceptor(messageType = DomainEventMessage.class)
    Object beforeEach(DomainEventMessage<?> event, InterceptorChain chain) throws Exception {
        board.handling(UUID.fromString(event.getAggregateIdentifier()), event.getIdentifier());
        return chain.proceed();
    }

    @EventHandler
    void on(ProjectCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        UUID projectId = event.projectId().value();
        if (board.project(projectId).isEmpty()) {
            board.add(new BoardProject(projectId, event.key(), event.name(), event.description(), at, sequence));
        }
    }

    @EventHandler
    void on(ProjectArchived event, @SequenceNumber long sequence) {
        if (isNew(event, sequence)) {
            project(event).archive();
        }
    }

    @EventHandler
    void on(TaskAdded event, @SequenceNumber long sequence) {
        if (isNew(event, sequence)) {
            UUID projectId = event.projectId().value();
            board.add(new BoardTask(projectId, event.task(), event.planPosition()));
            TaskKey parent = event.task().parent();
            if (parent != null) {
                task(projectId, parent).becomeContainer();
            }
        }
    }

    @EventHandler
    void on(TaskBecameReady event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> task.moveTo(TaskStatus.READY));
    }

    @EventHandler
    void on(TaskBecamePending event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> task.moveTo(TaskStatus.PENDING));
    }

    @EventHandler
    void on(ContainerStarted event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> task.moveTo(TaskStatus.IN_PROGRESS));
    }

    @EventHandler
    void on(TaskSucceeded event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> task.moveTo(TaskStatus.SUCCEEDED));
    }

    @EventHandler
    void on(TaskFailed event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> task.moveTo(TaskStatus.FAILED));
    }

    @EventHandler
    void on(TaskAssigned event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> task.assignTo(event.assignee()));
    }

    @EventHandler
    void on(PrerequisiteAdded event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> task.addPrerequisite(event.prerequisite()));
    }

    @EventHandler
    void on(PrerequisiteRemoved event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> task.removePrerequisite(event.prerequisite()));
    }

    @EventHandler
    void on(TaskStarted event, @SequenceNumber long sequence) {
        changeTask(event, sequence, task -> {
            task.start(event.attempt(), event.agent());
            board.add(new BoardAttempt(task.getProjectId(), event.taskKey().value(), event.attempt(),
                    event.agent(), event.startedAt(), event.leaseExpiresAt()));
        });
    }

    @EventHandler
    void on(AttemptSucceeded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (isNew(event, sequence)) {
            attempt(event, event.attempt()).succeed(event.results(), at);
        }
    }

    @EventHandler
    void on(AttemptFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (isNew(event, sequence)) {
            attempt(event, event.attempt()).fail(event.reason(), event.results(), at);
        }
    }

    /** Opens an inbox entry showing what the last attempt failed, so a manager decides without digging. */
    @EventHandler
    void on(TaskEscalated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeTask(event, sequence, task -> {
            task.moveTo(TaskStatus.ESCALATED);
            Optional<BoardAttempt> last = lastAttempt(task);
            board.add(new BoardEscalation(task.getProjectId(), event.taskKey().value(),
                    event.escalateTo(), event.attempts(), at,
                    last.map(BoardAttempt::failedResults).orElse(List.of()),
                    last.map(BoardAttempt::timedOut).orElse(false)));
        });
    }

    /** The task's own status follows in the next event (ready, succeeded or cancelled). */
    @EventHandler
    void on(EscalationResolved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (isNew(event, sequence)) {
            openEscalation(event).ifPresent(open -> open.resolve(event.decision(), event.justification(), at));
        }
    }

    /**
     * A running attempt is abandoned; an escalation still open is closed as cancelled, since nobody can decide on a
     * cancelled task any more.
     */
    @EventHandler
    void on(TaskCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeTask(event, sequence, task -> {
            task.moveTo(TaskStatus.CANCELLED);
            lastAttempt(task).filter(BoardAttempt::isRunning).ifPresent(running -> running.abandon(at));
            openEscalation(event).ifPresent(open -> open.resolve(EscalationDecision.CANCEL, event.reason(), at));
        });
    }

    @EventHandler
    void on(MemberAdded event, @SequenceNumber long sequence) {
        if (isNew(event, sequence)) {
            board.add(new BoardMember(event.projectId().value(), event.username(), event.role()));
        }
    }

    @EventHandler
    void on(MemberRoleChanged event, @SequenceNumber long sequence) {
        if (isNew(event, sequence)) {
            member(event.projectId().value(), event.username()).changeRole(event.role());
        }
    }

    @EventHandler
    void on(MemberRemoved event, @SequenceNumber long sequence) {
        if (isNew(event, sequence)) {
            board.remove(member(event.projectId().value(), event.username()));
        }
    }

    @ResetHandler
    void clearBoard() {
        board.clear();
    }

    /** Whether the board has not yet applied this event of the project; if so, the project's version advances. */
    private boolean isNew(ProjectEvent event, long sequence) {
        BoardProject project = project(event);
        if (project.hasSeen(sequence)) {
            return false;
        }
        project.advanceTo(sequence);
        return true;
    }

    private void changeTask(TaskEvent event, long sequence, Consumer<BoardTask> change) {
        if (isNew(event, sequence)) {
            change.accept(task(event.projectId().value(), event.taskKey()));
        }
    }

    private BoardProject project(ProjectEvent event) {
        return board.project(event.projectId().value()).orElseThrow(() -> new IllegalStateException(
                "the task board has no project " + event.projectId() + " for " + event));
    }

    private BoardMember member(UUID projectId, String username) {
        return board.member(projectId, username).orElseThrow(() ->
                new IllegalStateException("the task board has no member " + username + " in project " + projectId));
    }

    private BoardTask task(UUID projectId, TaskKey key) {
        return board.task(projectId, key.value()).orElseThrow(() -> new IllegalStateException(
                "the task board has no task " + key + " in project " + projectId));
    }

    private BoardAttempt attempt(TaskEvent event, int number) {
        return board.attempt(event.projectId().value(), event.taskKey().value(), number).orElseThrow(() -> new IllegalStateException(
                "the task board has no attempt " + number + " of " + event.taskKey() + " for " + event));
    }

    private Optional<BoardAttempt> lastAttempt(BoardTask task) {
        if (task.getAttempts() == 0) {
            return Optional.empty();
        }
        return board.attempt(task.getProjectId(), task.getKey().value(), task.getAttempts());
    }

    private Optional<BoardEscalation> openEscalation(TaskEvent event) {
        return board.openEscalation(event.projectId().value(), event.taskKey().value());
    }
}
