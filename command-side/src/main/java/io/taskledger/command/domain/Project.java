package io.taskledger.command.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.taskledger.api.access.Caller;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.command.AddMemberCommand;
import io.taskledger.api.command.AddPrerequisiteCommand;
import io.taskledger.api.command.AddTaskCommand;
import io.taskledger.api.command.ArchiveProjectCommand;
import io.taskledger.api.command.AssignTaskCommand;
import io.taskledger.api.command.AttemptOpened;
import io.taskledger.api.command.AttemptReported;
import io.taskledger.api.command.CancelTaskCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.ImportPlanCommand;
import io.taskledger.api.command.ProjectCommand;
import io.taskledger.api.command.RemoveMemberCommand;
import io.taskledger.api.command.RemovePrerequisiteCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.ResolveEscalationCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
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
import io.taskledger.api.event.TaskBecamePending;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskEvent;
import io.taskledger.api.event.TaskFailed;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project and its whole plan: the one consistency boundary of Taskledger. Command handlers check the rules of
 * docs/domain.md (structure in {@link PlanRules}, attempts in {@link AttemptRules}, readiness and roll-ups in
 * {@link Plan#nextReconciliation}), then apply events; event-sourcing handlers only assign state.
 */
@Aggregate(snapshotTriggerDefinition = "projectSnapshotTrigger", cache = "projectCache", lockFactory = "aggregateLocks")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Project {

    /** Name of the deadline that ends an attempt whose lease ran out (rule 6). */
    public static final String LEASE_EXPIRY = "lease-expiry";

    @AggregateIdentifier
    private ProjectId projectId;
    private String key;
    private boolean archived;
    private Plan plan;
    private ProjectAccess access;

    protected Project() {
        // for Axon and Jackson
    }

    /** Creates a project whose key no other project uses, ignoring case; its creator becomes its OWNER. */
    @CommandHandler
    public Project(CreateProjectCommand command, ProjectKeyRegistry projectKeys, MetaData metaData) {
        Optional<Caller> creator = Caller.fromMetadata(metaData);
        if (creator.isPresent() && !ProjectAccess.MAY_CREATE_PROJECTS.contains(creator.get().role())) {
            throw new TaskledgerException(ErrorCode.FORBIDDEN,
                    creator.get().username() + " is " + creator.get().role() + "; only ADMIN and MANAGER accounts "
                            + "create projects");
        }
        if (!TaskKey.isValid(command.key())) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, "project key '" + command.key()
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Inputs.requireText(command.name(), "name");
        if (projectKeys.isTaken(command.key())) {
            throw new TaskledgerException(ErrorCode.DUPLICATE_PROJECT_KEY,
                    "project key " + command.key() + " is already used by another project (keys ignore case)");
        }
        apply(new ProjectCreated(command.projectId(), command.key(), command.name(), command.description()));
        creator.ifPresent(owner -> apply(new MemberAdded(command.projectId(), owner.username(), ProjectRole.OWNER)));
    }

    /**
     * Access first (a non-member must not learn the project exists), then rule 8 and the caller's version
     * precondition, for every command to an existing project.
     */
    @CommandHandlerInterceptor
    public Object refuseUnauthorizedArchivedOrUnexpectedVersion(CommandMessage<?> command, InterceptorChain chain)
            throws Exception {
        access.authorize(command.getPayload(), Caller.fromMetadata(command.getMetaData()), projectId, key);
        if (archived) {
            throw new TaskledgerException(ErrorCode.PROJECT_ARCHIVED,
                    "project " + key + " is archived and accepts no more commands");
        }
        Object expected = command.getMetaData().get(ProjectCommand.EXPECTED_VERSION);
        if (expected != null && ProjectVersion.fromMetadata(expected).value() != version()) {
            throw new TaskledgerException(ErrorCode.VERSION_MISMATCH, "project " + key + " is at version "
                    + version() + ", not at the expected version " + expected);
        }
        return chain.proceed();
    }

    @CommandHandler
    public CommandAccepted handle(AddTaskCommand command) {
        if (command.task() == null) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, "task is required");
        }
        List<TaskDefinition> tasks = List.of(Inputs.withDefaults(command.task()));
        Violation.refuseIfAny(PlanRules.checkNewTasks(plan, tasks));
        addTasks(tasks);
        return accepted();
    }

    /** All or nothing: every violation of the whole plan is reported, and then nothing is added. */
    @CommandHandler
    public CommandAccepted handle(ImportPlanCommand command) {
        if (command.tasks() == null || command.tasks().isEmpty()) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, "a plan needs at least one task");
        }
        List<TaskDefinition> tasks = command.tasks().stream().map(Inputs::withDefaults).toList();
        List<Violation> violations = PlanRules.checkNewTasks(plan, tasks);
        if (!violations.isEmpty()) {
            throw Violation.planRefusal(violations);
        }
        addTasks(tasks);
        return accepted();
    }

    @CommandHandler
    public CommandAccepted handle(AddPrerequisiteCommand command) {
        TaskState task = plan.require(command.taskKey());
        Violation.refuseIfAny(PlanRules.checkNewPrerequisite(plan, task, command.prerequisite()));
        apply(new PrerequisiteAdded(projectId, task.key(), command.prerequisite()));
        reconcile();
        return accepted();
    }

    @CommandHandler
    public CommandAccepted handle(RemovePrerequisiteCommand command) {
        TaskState task = plan.require(command.taskKey());
        Violation.refuseIfAny(PlanRules.checkPrerequisiteRemoval(task, command.prerequisite()));
        apply(new PrerequisiteRemoved(projectId, task.key(), command.prerequisite()));
        reconcile();
        return accepted();
    }

    /** Reassigning is refused on finished tasks and while an attempt is open: the holder keeps its lease. */
    @CommandHandler
    public CommandAccepted handle(AssignTaskCommand command) {
        TaskState task = plan.require(command.taskKey());
        String assignee = Inputs.requireText(command.assignee(), "assignee");
        requireUnfinished(task, task.key() + " cannot be assigned");
        if (task.hasOpenAttempt()) {
            throw new TaskledgerException(ErrorCode.TASK_NOT_READY, task.key() + " cannot be reassigned while attempt "
                    + task.openAttempt() + " is open: " + task.holder() + " holds it");
        }
        if (assignee.equals(task.assignee())) {
            throw new TaskledgerException(ErrorCode.ALREADY_ASSIGNED,
                    task.key() + " is already assigned to " + assignee);
        }
        apply(new TaskAssigned(projectId, task.key(), assignee, task.assignee()));
        return accepted();
    }

    /** Rules 3 and 4: opens the next attempt of a READY leaf with a lease, and a deadline for when it runs out. */
    @CommandHandler
    public AttemptOpened handle(StartTaskCommand command, Clock clock, DeadlineManager deadlines) {
        TaskState task = plan.require(command.taskKey());
        String agent = Inputs.requireText(command.agent(), "agent");
        AttemptRules.checkCanStart(plan, task, agent);
        int attempt = task.attemptsOpened() + 1;
        // Millisecond precision: what the read models store and clients see is then exactly what was decided.
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant leaseExpiresAt = startedAt.plus(Duration.ofMinutes(task.definition().timeoutMinutes()));
        apply(new TaskStarted(projectId, task.key(), attempt, agent, startedAt, leaseExpiresAt));
        deadlines.schedule(leaseExpiresAt, LEASE_EXPIRY, new LeaseExpiry(task.key(), attempt));
        reconcile();
        return new AttemptOpened(attempt, leaseExpiresAt, version());
    }

    /** Rule 5: every criterion passed makes the task succeed; anything else fails the attempt. */
    @CommandHandler
    public AttemptReported handle(ReportAttemptCommand command) {
        TaskState task = plan.require(command.taskKey());
        String agent = AttemptRules.checkReporter(task, command.attempt(), command.agent());
        List<CriterionResult> results = command.results() == null ? List.of() : command.results();
        AttemptRules.checkResultsComplete(task, results);
        List<String> failedCriteria = AttemptRules.failedCriteria(task, results);
        if (failedCriteria.isEmpty()) {
            apply(new AttemptSucceeded(projectId, task.key(), command.attempt(), agent, results));
            apply(new TaskSucceeded(projectId, task.key(), SuccessBasis.CRITERIA_PASSED));
        } else {
            failAttempt(task, AttemptFailureReason.CRITERIA_FAILED, results, failedCriteria);
        }
        reconcile();
        return new AttemptReported(task.status(), version());
    }

    /** Rule 6: an expired lease fails its attempt, unless that attempt has ended meanwhile. */
    @DeadlineHandler(deadlineName = LEASE_EXPIRY)
    public void on(LeaseExpiry expiry) {
        if (archived) {
            return;
        }
        Optional<TaskState> task = plan.find(expiry.taskKey());
        if (task.isEmpty() || task.get().openAttempt() != expiry.attempt()) {
            return;
        }
        failAttempt(task.get(), AttemptFailureReason.TIMED_OUT, List.of(), List.of());
        reconcile();
    }

    @CommandHandler
    public CommandAccepted handle(ResolveEscalationCommand command) {
        TaskState task = plan.require(command.taskKey());
        if (command.decision() == null) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, "decision is required (RETRY, ACCEPT or CANCEL)");
        }
        String justification = Inputs.requireText(command.justification(), "justification");
        if (task.status() != TaskStatus.ESCALATED) {
            throw new TaskledgerException(ErrorCode.TASK_NOT_ESCALATED,
                    task.key() + " cannot be resolved: it is " + task.status() + ", not ESCALATED");
        }
        apply(new EscalationResolved(projectId, task.key(), command.decision(), justification));
        switch (command.decision()) {
            case RETRY -> apply(new TaskBecameReady(projectId, task.key()));
            case ACCEPT -> apply(new TaskSucceeded(projectId, task.key(), SuccessBasis.ACCEPTED_ON_ESCALATION));
            case CANCEL -> apply(new TaskCancelled(projectId, task.key(), justification, null));
        }
        reconcile();
        return accepted();
    }

    /** Rule 7: tasks are cancelled, never deleted; the cancellation cascades to unfinished descendants. */
    @CommandHandler
    public CommandAccepted handle(CancelTaskCommand command) {
        TaskState task = plan.require(command.taskKey());
        String reason = Inputs.requireText(command.reason(), "reason");
        requireUnfinished(task, task.key() + " cannot be cancelled");
        apply(new TaskCancelled(projectId, task.key(), reason, null));
        plan.descendants(task).stream().filter(descendant -> !descendant.isFinished())
                .forEach(descendant -> apply(new TaskCancelled(projectId, descendant.key(), reason, task.key())));
        reconcile();
        return accepted();
    }

    /** Adds a member, or changes a member's role; the OWNER role is granted and taken by owners only. */
    @CommandHandler
    public CommandAccepted handle(AddMemberCommand command, MetaData metaData, AccountDirectory accounts) {
        String username = Inputs.requireText(command.username(), "username");
        if (command.role() == null) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, "role is required");
        }
        if (!accounts.isEnabledAccount(username)) {
            throw new TaskledgerException(ErrorCode.ACCOUNT_NOT_FOUND,
                    "there is no enabled account " + username + " to make a member of " + key);
        }
        access.requireOwnerForOwnership(Caller.fromMetadata(metaData), username, command.role());
        Optional<ProjectRole> current = access.roleOf(username);
        if (current.isEmpty()) {
            apply(new MemberAdded(projectId, username, command.role()));
        } else if (current.get() == command.role()) {
            throw new TaskledgerException(ErrorCode.ALREADY_MEMBER,
                    username + " is already a member of " + key + " as " + command.role());
        } else {
            if (current.get() == ProjectRole.OWNER) {
                access.requireAnotherOwner(username);
            }
            apply(new MemberRoleChanged(projectId, username, command.role(), current.get()));
        }
        return accepted();
    }

    @CommandHandler
    public CommandAccepted handle(RemoveMemberCommand command, MetaData metaData) {
        String username = Inputs.requireText(command.username(), "username");
        ProjectRole current = access.roleOf(username).orElseThrow(() -> new TaskledgerException(
                ErrorCode.NOT_A_MEMBER, username + " is not a member of " + key));
        access.requireOwnerForOwnership(Caller.fromMetadata(metaData), username, null);
        access.requireAnotherOwner(username);
        apply(new MemberRemoved(projectId, username, current));
        return accepted();
    }

    @CommandHandler
    public CommandAccepted handle(ArchiveProjectCommand command) {
        apply(new ProjectArchived(projectId));
        return accepted();
    }

    private static void requireUnfinished(TaskState task, String refused) {
        if (task.isFinished()) {
            throw new TaskledgerException(ErrorCode.TASK_FINISHED, refused + ": it is already " + task.status());
        }
    }

    private void addTasks(List<TaskDefinition> tasks) {
        int position = plan.size();
        for (TaskDefinition task : tasks) {
            apply(new TaskAdded(projectId, task, ++position));
        }
        reconcile();
    }

    /** Records a failed attempt, then what the retry budget and failure policy make of the task (rule 5). */
    private void failAttempt(TaskState task, AttemptFailureReason reason, List<CriterionResult> results,
                             List<String> failedCriteria) {
        int retriesLeft = task.retriesLeft();
        apply(new AttemptFailed(projectId, task.key(), task.openAttempt(), task.holder(), reason, results,
                failedCriteria, retriesLeft));
        if (retriesLeft > 0) {
            apply(new TaskBecameReady(projectId, task.key()));
        } else if (task.definition().onFailure() == FailurePolicy.FAIL) {
            apply(new TaskFailed(projectId, task.key(), task.attemptsOpened()));
        } else {
            apply(new TaskEscalated(projectId, task.key(), task.definition().escalateTo(), task.attemptsOpened()));
        }
    }

    /** Applies what readiness and roll-ups call for until the plan is settled (docs/domain.md, "Statuses"). */
    private void reconcile() {
        for (Optional<TaskEvent> next = plan.nextReconciliation(projectId); next.isPresent();
             next = plan.nextReconciliation(projectId)) {
            apply(next.get());
        }
    }

    private CommandAccepted accepted() {
        return new CommandAccepted(version());
    }

    /** The sequence number of the project's last event: 0 right after creation. */
    private static long version() {
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectId = event.projectId();
        key = event.key();
        plan = new Plan();
        access = new ProjectAccess();
    }

    @EventSourcingHandler
    void on(MemberAdded event) {
        access.assign(event.username(), event.role());
    }

    @EventSourcingHandler
    void on(MemberRoleChanged event) {
        access.assign(event.username(), event.role());
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        access.remove(event.username());
    }

    @EventSourcingHandler
    void on(ProjectArchived event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(TaskAdded event) {
        plan.add(event.task());
    }

    @EventSourcingHandler
    void on(PrerequisiteAdded event) {
        plan.addPrerequisite(event.taskKey(), event.prerequisite());
    }

    @EventSourcingHandler
    void on(PrerequisiteRemoved event) {
        plan.removePrerequisite(event.taskKey(), event.prerequisite());
    }

    @EventSourcingHandler
    void on(TaskBecameReady event) {
        plan.changeStatus(event.taskKey(), TaskStatus.READY);
    }

    @EventSourcingHandler
    void on(TaskBecamePending event) {
        plan.changeStatus(event.taskKey(), TaskStatus.PENDING);
    }

    @EventSourcingHandler
    void on(TaskAssigned event) {
        plan.require(event.taskKey()).assignTo(event.assignee());
    }

    @EventSourcingHandler
    void on(TaskStarted event) {
        plan.openAttempt(event.taskKey(), event.attempt(), event.agent());
    }

    @EventSourcingHandler
    void on(ContainerStarted event) {
        plan.markContainerStarted(event.taskKey());
    }

    @EventSourcingHandler
    void on(AttemptSucceeded event) {
        plan.require(event.taskKey()).closeAttempt();
    }

    @EventSourcingHandler
    void on(AttemptFailed event) {
        plan.require(event.taskKey()).closeAttempt();
    }

    @EventSourcingHandler
    void on(TaskSucceeded event) {
        plan.changeStatus(event.taskKey(), TaskStatus.SUCCEEDED);
    }

    @EventSourcingHandler
    void on(TaskEscalated event) {
        plan.changeStatus(event.taskKey(), TaskStatus.ESCALATED);
    }

    @EventSourcingHandler
    void on(TaskFailed event) {
        plan.changeStatus(event.taskKey(), TaskStatus.FAILED);
    }

    @EventSourcingHandler
    void on(EscalationResolved event) {
        if (event.decision() == EscalationDecision.RETRY) {
            plan.require(event.taskKey()).resetRetryBudget();
        }
    }

    @EventSourcingHandler
    void on(TaskCancelled event) {
        plan.require(event.taskKey()).closeAttempt();
        plan.changeStatus(event.taskKey(), TaskStatus.CANCELLED);
    }
}
