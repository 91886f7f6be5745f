package io.taskledger.contract;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountDisplayNameChanged;
import io.taskledger.api.account.AccountPasswordChanged;
import io.taskledger.api.account.AccountRegistered;
import io.taskledger.api.account.AccountRoleChanged;
import io.taskledger.api.event.*;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.SuccessCriterion;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One fully populated example of every event, as the approval test pins them. */
final class EventSamples {

    private static final ProjectId PROJECT = new ProjectId(UUID.fromString("6f1c2a3b-0000-4000-8000-00000000abcd"));
    private static final TaskKey SUBTASK = TaskKey.of("P04-T01-S01");
    private static final Instant STARTED = Instant.parse("2026-11-26T10:15:30Z");
    private static final List<CriterionResult> RESULTS = List.of(
            new CriterionResult("P04-T01-S01-01/1", true, "exit code 0"),
            new CriterionResult("P04-T01-S01-01/2", false, "package.json missing"));

    private EventSamples() {
    }

    static Map<Class<?>, Object> all() {
        return Stream.of(
                new ProjectCreated(PROJECT, "WEBAPP", "Web application", "Agent-built storefront"),
                new ProjectArchived(PROJECT),
                new TaskAdded(PROJECT, definition(), 3),
                new TaskBecameReady(PROJECT, SUBTASK),
                new TaskBecamePending(PROJECT, SUBTASK, List.of(TaskKey.of("P03"))),
                new TaskAssigned(PROJECT, SUBTASK, "@coding-agent", "@review-agent"),
                new TaskStarted(PROJECT, SUBTASK, 2, "@coding-agent", STARTED, STARTED.plusSeconds(3600)),
                new ContainerStarted(PROJECT, TaskKey.of("P04-T01")),
                new AttemptSucceeded(PROJECT, SUBTASK, 2, "@coding-agent",
                        List.of(new CriterionResult("P04-T01-S01-01/1", true, "exit code 0"))),
                new AttemptFailed(PROJECT, SUBTASK, 1, "@coding-agent", AttemptFailureReason.CRITERIA_FAILED,
                        RESULTS, List.of("P04-T01-S01-01/2"), 2),
                new TaskSucceeded(PROJECT, SUBTASK, SuccessBasis.CRITERIA_PASSED),
                new TaskEscalated(PROJECT, SUBTASK, "@development-orchestrator-agent", 4),
                new TaskFailed(PROJECT, SUBTASK, 4),
                new EscalationResolved(PROJECT, SUBTASK, EscalationDecision.ACCEPT, "verified by hand"),
                new TaskCancelled(PROJECT, SUBTASK, "descoped", TaskKey.of("P04-T01")),
                new PrerequisiteAdded(PROJECT, SUBTASK, TaskKey.of("P03-T02")),
                new PrerequisiteRemoved(PROJECT, SUBTASK, TaskKey.of("P03-T02")),
                new MemberAdded(PROJECT, "@coding-agent", ProjectRole.AGENT),
                new MemberRoleChanged(PROJECT, "@coding-agent", ProjectRole.CONTRIBUTOR, ProjectRole.AGENT),
                new MemberRemoved(PROJECT, "@coding-agent", ProjectRole.CONTRIBUTOR),
                new AccountRegistered("@coding-agent", "Coding agent", AccountKind.AGENT, GlobalRole.AGENT),
                new AccountRoleChanged("alice", GlobalRole.VIEWER, GlobalRole.MANAGER),
                new AccountDisplayNameChanged("alice", "Alice Liddell"),
                new AccountPasswordChanged("alice"),
                new AccountDisabled("alice")
        ).collect(Collectors.toMap(Object::getClass, Function.identity()));
    }

    private static TaskDefinition definition() {
        return new TaskDefinition(SUBTASK, TaskLevel.SUBTASK, TaskKey.of("P04-T01"), "Initialize environment",
                "Install dependencies", "@coding-agent", Priority.HIGH, 3, FailurePolicy.ESCALATE_TO_HUMAN,
                "@development-orchestrator-agent", 60, List.of(TaskKey.of("P03")),
                List.of(new Step("P04-T01-S01-01", "npm install", List.of(
                        new SuccessCriterion(CriterionType.EXIT_CODE, "0"),
                        new SuccessCriterion(CriterionType.FILE_EXISTS, "package.json")))));
    }
}
