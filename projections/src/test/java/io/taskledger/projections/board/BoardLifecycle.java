package io.taskledger.projections.board;

import io.taskledger.api.access.ProjectRole;
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
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskAssigned;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.SuccessBasis;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static io.taskledger.projections.board.PlanFixtures.phase;
import static io.taskledger.projections.board.PlanFixtures.subtask;
import static io.taskledger.projections.board.PlanFixtures.task;

/**
 * One project through every kind of board event, so that every column of every board table is written, nulls, JSON
 * lists and instants included: escalations opened, resolved and cancelled, attempts failed, timed out, succeeded and
 * abandoned, prerequisites added and removed, members added, changed and removed, the project archived.
 */
final class BoardLifecycle {

    private BoardLifecycle() {
    }

    /** Appends the events to the project's history and returns them in order. */
    static List<DomainEventMessage<?>> appendTo(ProjectHistory history) {
        ProjectId projectId = history.projectId;
        return Stream.of(
                new ProjectCreated(projectId, "OPS", "Operations", null),
                new MemberAdded(projectId, "owner", ProjectRole.OWNER),
                new MemberAdded(projectId, "coder", ProjectRole.AGENT),
                new MemberAdded(projectId, "guest", ProjectRole.CONTRIBUTOR),
                new TaskAdded(projectId, phase("P1"), 1),
                new TaskAdded(projectId, task("P1-T1", "P1"), 2),
                new TaskAdded(projectId, subtask("P1-T1-S1", "P1-T1", null), 3),
                new TaskAdded(projectId, subtask("P1-T1-S2", "P1-T1", "coder", "P1-T1-S1"), 4),
                new TaskAdded(projectId, subtask("P1-T1-S3", "P1-T1", "coder"), 5),
                new TaskAdded(projectId, phase("P2", "P1"), 6),
                new TaskBecameReady(projectId, key("P1")),
                new TaskBecameReady(projectId, key("P1-T1")),
                new TaskBecameReady(projectId, key("P1-T1-S1")),
                new TaskBecameReady(projectId, key("P1-T1-S3")),
                started(history, "P1-T1-S1", 1),
                new ContainerStarted(projectId, key("P1-T1")),
                new ContainerStarted(projectId, key("P1")),
                new AttemptFailed(projectId, key("P1-T1-S1"), 1, "coder", AttemptFailureReason.CRITERIA_FAILED,
                        List.of(new CriterionResult("P1-T1-S1-01/1", true, "exit 0"),
                                new CriterionResult("P1-T1-S1-01/2", false, "no package.json")),
                        List.of("P1-T1-S1-01/2"), 0),
                new TaskEscalated(projectId, key("P1-T1-S1"), "lead", 1),
                new EscalationResolved(projectId, key("P1-T1-S1"), EscalationDecision.RETRY, "flaky runner"),
                new TaskBecameReady(projectId, key("P1-T1-S1")),
                started(history, "P1-T1-S1", 2),
                new AttemptSucceeded(projectId, key("P1-T1-S1"), 2, "coder", List.of(
                        new CriterionResult("P1-T1-S1-01/1", true, "exit 0"),
                        new CriterionResult("P1-T1-S1-01/2", true, "found"))),
                new TaskSucceeded(projectId, key("P1-T1-S1"), SuccessBasis.CRITERIA_PASSED),
                new TaskBecameReady(projectId, key("P1-T1-S2")),
                started(history, "P1-T1-S2", 1),
                new AttemptFailed(projectId, key("P1-T1-S2"), 1, "coder", AttemptFailureReason.TIMED_OUT,
                        List.of(), List.of(), 0),
                new TaskEscalated(projectId, key("P1-T1-S2"), "lead", 1),
                new TaskCancelled(projectId, key("P1-T1-S2"), "dropped", null),
                started(history, "P1-T1-S3", 1),
                new TaskCancelled(projectId, key("P1-T1-S3"), "not needed", null),
                new PrerequisiteAdded(projectId, key("P2"), key("P1-T1-S3")),
                new PrerequisiteRemoved(projectId, key("P2"), key("P1")),
                new TaskAssigned(projectId, key("P2"), "reviewer", null),
                new MemberRoleChanged(projectId, "coder", ProjectRole.CONTRIBUTOR, ProjectRole.AGENT),
                new MemberRemoved(projectId, "guest", ProjectRole.CONTRIBUTOR),
                new MemberAdded(projectId, "guest", ProjectRole.VIEWER),
                new MemberRemoved(projectId, "guest", ProjectRole.VIEWER),
                new ProjectArchived(projectId))
                .map(history::append)
                .toList();
    }

    /** Started with a lease; the start instant has nanoseconds, which the columns keep only to the microsecond. */
    private static TaskStarted started(ProjectHistory history, String key, int attempt) {
        Instant startedAt = history.now().plusSeconds(30).plusNanos(123_456_789);
        return new TaskStarted(history.projectId, key(key), attempt, "coder", startedAt, startedAt.plusSeconds(3600));
    }

    private static TaskKey key(String key) {
        return TaskKey.of(key);
    }
}
