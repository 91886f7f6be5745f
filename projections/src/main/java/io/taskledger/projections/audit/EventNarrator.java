package io.taskledger.projections.audit;

import io.taskledger.api.event.AttemptFailed;
import io.taskledger.api.event.AttemptSucceeded;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.EscalationResolved;
import io.taskledger.api.event.PrerequisiteAdded;
import io.taskledger.api.event.PrerequisiteRemoved;
import io.taskledger.api.event.ProjectArchived;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskAssigned;
import io.taskledger.api.event.TaskBecamePending;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskFailed;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.ids.TaskKey;

import java.util.List;
import java.util.stream.Collectors;

/** Says in plain words what an event means, for timelines and causation chains read by people. */
final class EventNarrator {

    private EventNarrator() {
    }

    static String describe(Object event, String actor) {
        String by = actor == null ? "" : " by " + actor;
        if (event instanceof ProjectCreated created) {
            return "project " + created.key() + " '" + created.name() + "' created" + by;
        }
        if (event instanceof ProjectArchived) {
            return "project archived" + by;
        }
        if (event instanceof TaskAdded added) {
            return added(added.task()) + by;
        }
        if (event instanceof TaskBecameReady ready) {
            return ready.taskKey() + " became READY";
        }
        if (event instanceof TaskBecamePending pending) {
            return pending.taskKey() + " became PENDING again, waiting for " + keys(pending.waitingFor());
        }
        if (event instanceof TaskAssigned assigned) {
            return assigned.taskKey() + " assigned to " + assigned.assignee()
                    + (assigned.previousAssignee() == null ? "" : " (was " + assigned.previousAssignee() + ")") + by;
        }
        if (event instanceof TaskStarted started) {
            return started.taskKey() + " attempt " + started.attempt() + " started by " + started.agent()
                    + ", lease until " + started.leaseExpiresAt();
        }
        if (event instanceof ContainerStarted container) {
            return container.taskKey() + " IN_PROGRESS: a child started";
        }
        if (event instanceof AttemptSucceeded succeeded) {
            return succeeded.taskKey() + " attempt " + succeeded.attempt() + " passed every criterion"
                    + evidence(succeeded.results());
        }
        if (event instanceof AttemptFailed failed) {
            return failed(failed);
        }
        if (event instanceof TaskSucceeded succeeded) {
            return succeeded.taskKey() + " SUCCEEDED" + switch (succeeded.basis()) {
                case CRITERIA_PASSED -> ": every criterion passed";
                case ACCEPTED_ON_ESCALATION -> ": accepted on escalation";
                case CHILDREN_SUCCEEDED -> ": every child succeeded";
            };
        }
        if (event instanceof TaskEscalated escalated) {
            return escalated.taskKey() + " ESCALATED to "
                    + (escalated.escalateTo() == null ? "a manager" : escalated.escalateTo()) + " after "
                    + escalated.attempts() + " attempts";
        }
        if (event instanceof TaskFailed failed) {
            return failed.taskKey() + " FAILED after " + failed.attempts() + " attempts";
        }
        if (event instanceof EscalationResolved resolved) {
            return resolved.taskKey() + " escalation resolved: " + resolved.decision() + by + ", justification: "
                    + resolved.justification();
        }
        if (event instanceof TaskCancelled cancelled) {
            return cancelled.taskKey() + " CANCELLED"
                    + (cancelled.cancelledWith() == null ? by : " with " + cancelled.cancelledWith())
                    + ", reason: " + cancelled.reason();
        }
        if (event instanceof PrerequisiteAdded added) {
            return added.taskKey() + " now requires " + added.prerequisite() + by;
        }
        if (event instanceof PrerequisiteRemoved removed) {
            return removed.taskKey() + " no longer requires " + removed.prerequisite() + by;
        }
        return event.getClass().getSimpleName();
    }

    private static String added(TaskDefinition task) {
        return task.key() + " '" + task.title() + "' added as " + task.level()
                + (task.parent() == null ? "" : " under " + task.parent())
                + (task.assignee() == null ? "" : ", assigned to " + task.assignee())
                + (task.prerequisites().isEmpty() ? "" : ", requiring " + keys(task.prerequisites()));
    }

    private static String failed(AttemptFailed failed) {
        String what = failed.taskKey() + " attempt " + failed.attempt();
        String outcome = failed.reason() == AttemptFailureReason.TIMED_OUT
                ? " timed out: the lease of " + failed.agent() + " expired"
                : " failed on criterion " + String.join(", ", failed.failedCriteria())
                + evidence(failed.results().stream().filter(result -> !result.passed()).toList());
        return what + outcome + "; " + failed.retriesLeft() + " retries left";
    }

    private static String evidence(List<CriterionResult> results) {
        List<String> seen = results.stream()
                .filter(result -> result.evidence() != null && !result.evidence().isBlank())
                .map(result -> result.criterion() + ": " + result.evidence())
                .toList();
        return seen.isEmpty() ? "" : " (evidence: " + String.join("; ", seen) + ")";
    }

    private static String keys(List<TaskKey> keys) {
        return keys.stream().map(TaskKey::value).collect(Collectors.joining(", "));
    }
}
