package io.taskledger.projections.board;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.event.AttemptFailed;
import io.taskledger.api.event.AttemptSucceeded;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.EscalationResolved;
import io.taskledger.api.event.MemberAdded;
import io.taskledger.api.event.MemberRemoved;
import io.taskledger.api.event.MemberRoleChanged;
import io.taskledger.api.event.PrerequisiteAdded;
import io.taskledger.api.event.ProjectArchived;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.AgentWorkload;
import io.taskledger.api.query.AgentWorkloadList;
import io.taskledger.api.query.AttemptView;
import io.taskledger.api.query.EscalationList;
import io.taskledger.api.query.EscalationView;
import io.taskledger.api.query.FindAgentWorkloadsQuery;
import io.taskledger.api.query.FindEscalationsQuery;
import io.taskledger.api.query.FindMembersQuery;
import io.taskledger.api.query.FindNextTaskQuery;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.FindProjectsQuery;
import io.taskledger.api.query.FindTaskQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.MemberList;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;
import io.taskledger.api.query.ProjectList;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static io.taskledger.projections.board.PlanFixtures.definition;
import static io.taskledger.projections.board.PlanFixtures.keys;
import static io.taskledger.projections.board.PlanFixtures.phase;
import static io.taskledger.projections.board.PlanFixtures.subtask;
import static io.taskledger.projections.board.PlanFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the projection through Axon's annotation adapters, one transaction per event as a tracking processor does,
 * against real PostgreSQL with the real migration; answers come through a query bus as the HTTP layer asks them.
 */
class TaskBoardProjectionTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Caller ADMIN = new Caller("admin", GlobalRole.ADMIN);

    private static AnnotationConfigApplicationContext context;
    private static AnnotationEventHandlerAdapter projection;
    private static TransactionTemplate transactions;
    private static QueryGateway queries;

    private final ProjectHistory history = new ProjectHistory(START);
    private final ProjectId projectId = history.projectId;

    @BeforeAll
    static void startDatabase() {
        context = new AnnotationConfigApplicationContext(BoardDatabase.class);
        projection = new AnnotationEventHandlerAdapter(context.getBean(TaskBoardProjection.class));
        transactions = context.getBean(TransactionTemplate.class);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(context.getBean(TaskBoardQueries.class)).subscribe(queryBus);
        queries = DefaultQueryGateway.builder().queryBus(queryBus).build();
    }

    @AfterAll
    static void stopDatabase() {
        context.close();
    }

    @BeforeEach
    void clearBoard() {
        transactions.executeWithoutResult(status -> projection.prepareReset());
    }

    @Test
    void tasks_come_in_plan_order_with_what_blocks_them() {
        givenPlanWithSetupReady();

        TaskList all = this.<TaskList>read(new FindTasksQuery(scope(projectId), null, null, null));

        assertThat(all.tasks()).extracting(TaskRow::key).isEqualTo(keys("P1", "P1-T1", "P1-T1-S1", "P1-T1-S2", "P2"));
        assertThat(all.tasks()).extracting(TaskRow::status).containsExactly(TaskStatus.READY, TaskStatus.READY,
                TaskStatus.READY, TaskStatus.PENDING, TaskStatus.PENDING);
        assertThat(all.tasks()).extracting(TaskRow::blockedBy)
                .containsExactly(keys(), keys(), keys(), keys("P1-T1-S1"), keys("P1"));
        assertThat(all.tasks()).extracting(TaskRow::position).containsExactly(1, 2, 3, 4, 5);
        assertThat(keysOf(new FindTasksQuery(scope(projectId), TaskStatus.PENDING, null, null)))
                .isEqualTo(keys("P1-T1-S2", "P2"));
        assertThat(keysOf(new FindTasksQuery(scope(projectId), null, "coder", TaskLevel.SUBTASK)))
                .isEqualTo(keys("P1-T1-S2"));
        assertThat(refusal(() -> read(new FindTasksQuery(scope(ProjectId.random()), null, null, null))))
                .as("an unknown project").isEqualTo(ErrorCode.PROJECT_NOT_FOUND);
    }

    @Test
    void a_read_at_a_version_the_asker_holds_is_answered_unchanged_without_a_body() {
        givenPlanWithSetupReady();
        ProjectVersion current = ProjectVersion.of(history.version());
        ProjectVersion earlier = ProjectVersion.of(history.version() - 1);

        ProjectAnswer<TaskList> held = answer(new FindTasksQuery(
                new ProjectScope(projectId, ADMIN, null, List.of(earlier, current)), null, null, null));
        ProjectAnswer<TaskList> stale = answer(new FindTasksQuery(
                new ProjectScope(projectId, ADMIN, null, List.of(earlier)), null, null, null));

        assertThat(held.unchanged()).isTrue();
        assertThat(held.version()).isEqualTo(current);
        assertThat(held.body()).isNull();
        assertThat(stale.unchanged()).isFalse();
        assertThat(stale.version()).isEqualTo(current);
        assertThat(stale.body().tasks()).hasSize(5);
        assertThat(refusal(() -> answer(new FindTasksQuery(new ProjectScope(projectId,
                new Caller("sam", GlobalRole.MANAGER), null, List.of(current)), null, null, null))))
                .as("a viewer who may not see the project learns nothing, whatever version it names")
                .isEqualTo(ErrorCode.PROJECT_NOT_FOUND);
    }

    @Test
    void the_summary_counts_every_status_and_the_version() {
        givenPlanWithSetupReady();

        ProjectSummary summary = findProject(projectId).orElseThrow();

        assertThat(summary.key()).isEqualTo("SHOP");
        assertThat(summary.createdAt()).isEqualTo(START.plusSeconds(60));
        assertThat(summary.version()).isEqualTo(history.version());
        assertThat(summary.taskCount()).isEqualTo(5);
        assertThat(summary.countsByStatus()).containsOnlyKeys(TaskStatus.values());
        assertThat(summary.countsByStatus().get(TaskStatus.READY)).isEqualTo(3);
        assertThat(summary.countsByStatus().get(TaskStatus.PENDING)).isEqualTo(2);
        assertThat(summary.progressPercent()).isZero();
        assertThat(findProject(ProjectId.random())).isEmpty();
    }

    @Test
    void projects_come_newest_first() {
        givenPlanWithSetupReady();
        ProjectHistory newer = new ProjectHistory(START.plusSeconds(3600));
        apply(newer.append(new ProjectCreated(newer.projectId, "NEXT", "Next", null)));

        ProjectList projects = ask(new FindProjectsQuery(ADMIN), ProjectList.class);

        assertThat(projects.projects()).extracting(ProjectSummary::id).containsExactly(newer.projectId, projectId);
        assertThat(projects.projects().get(1).taskCount()).isEqualTo(5);
        assertThat(projects.projects().get(0).countsByStatus().get(TaskStatus.READY)).isZero();
    }

    @Test
    void a_task_shows_its_steps_children_and_attempts() {
        givenPlanWithSetupReady();
        startAndFail("P1-T1-S1", 1, "coder", 1);

        TaskDetails container = findTask("P1-T1").orElseThrow();
        TaskDetails leaf = findTask("P1-T1-S1").orElseThrow();

        assertThat(container.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(container.children()).isEqualTo(keys("P1-T1-S1", "P1-T1-S2"));
        assertThat(leaf.assignee()).as("claimed by the starter").isEqualTo("coder");
        assertThat(leaf.steps()).singleElement().satisfies(step ->
                assertThat(step.criteria()).extracting(TaskDetails.CriterionView::name)
                        .containsExactly("P1-T1-S1-01/1", "P1-T1-S1-01/2"));
        assertThat(leaf.attemptHistory()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(AttemptView.FAILED);
            assertThat(attempt.failureReason()).isEqualTo(AttemptFailureReason.CRITERIA_FAILED);
            assertThat(attempt.startedAt()).isNotNull();
            assertThat(attempt.endedAt()).isEqualTo(history.now());
            assertThat(attempt.results()).hasSize(2);
        });
        assertThat(findTask("NOPE")).isEmpty();
    }

    @Test
    void an_escalation_shows_what_the_last_attempt_failed_until_a_manager_decides() {
        givenPlanWithSetupReady();
        startAndFail("P1-T1-S1", 1, "coder", 0);
        given(new TaskEscalated(projectId, TaskKey.of("P1-T1-S1"), "lead", 1));
        Instant escalatedAt = history.now();

        EscalationView open = inbox(EscalationView.OPEN).escalations().get(0);
        assertThat(open.projectKey()).isEqualTo("SHOP");
        assertThat(open.title()).isEqualTo("Title P1-T1-S1");
        assertThat(open.assignee()).isEqualTo("coder");
        assertThat(open.escalatedAt()).isEqualTo(escalatedAt);
        assertThat(open.failedCriteria()).containsExactly(
                new CriterionResult("P1-T1-S1-01/2", false, "no package.json"));
        assertThat(open.lastAttemptTimedOut()).isFalse();
        assertThat(findTask("P1-T1-S1").orElseThrow().status()).isEqualTo(TaskStatus.ESCALATED);

        given(new EscalationResolved(projectId, TaskKey.of("P1-T1-S1"), EscalationDecision.RETRY, "flaky runner"),
                new TaskBecameReady(projectId, TaskKey.of("P1-T1-S1")));

        assertThat(inbox(EscalationView.OPEN).escalations()).isEmpty();
        assertThat(inbox(null).escalations()).singleElement().satisfies(resolved -> {
            assertThat(resolved.status()).isEqualTo(EscalationView.RESOLVED);
            assertThat(resolved.decision()).isEqualTo(EscalationDecision.RETRY);
            assertThat(resolved.justification()).isEqualTo("flaky runner");
            assertThat(resolved.resolvedAt()).isEqualTo(history.now().minusSeconds(60));
        });
    }

    @Test
    void a_timed_out_attempt_is_flagged_on_its_escalation() {
        givenPlanWithSetupReady();
        given(started("P1-T1-S1", 1, "coder"),
                new AttemptFailed(projectId, TaskKey.of("P1-T1-S1"), 1, "coder", AttemptFailureReason.TIMED_OUT,
                        List.of(), List.of(), 0),
                new TaskEscalated(projectId, TaskKey.of("P1-T1-S1"), "lead", 1));

        assertThat(inbox(EscalationView.OPEN).escalations()).singleElement().satisfies(open -> {
            assertThat(open.lastAttemptTimedOut()).isTrue();
            assertThat(open.failedCriteria()).isEmpty();
        });
    }

    @Test
    void success_unblocks_and_progress_counts_leaves_not_cancelled() {
        givenPlanWithSetupReady();
        given(started("P1-T1-S1", 1, "coder"),
                new AttemptSucceeded(projectId, TaskKey.of("P1-T1-S1"), 1, "coder", List.of(
                        new CriterionResult("P1-T1-S1-01/1", true, "exit 0"),
                        new CriterionResult("P1-T1-S1-01/2", true, "found"))),
                new TaskSucceeded(projectId, TaskKey.of("P1-T1-S1"), SuccessBasis.CRITERIA_PASSED),
                new TaskBecameReady(projectId, TaskKey.of("P1-T1-S2")),
                new TaskCancelled(projectId, TaskKey.of("P2"), "out of scope", null));

        assertThat(findTask("P1-T1-S2").orElseThrow().blockedBy()).isEmpty();
        assertThat(findTask("P1-T1-S1").orElseThrow().attemptHistory()).singleElement()
                .extracting(AttemptView::outcome).isEqualTo(AttemptView.SUCCEEDED);
        assertThat(findProject(projectId).orElseThrow().progressPercent()).as("1 of S1, S2").isEqualTo(50);
    }

    @Test
    void cancelling_a_running_leaf_abandons_its_attempt() {
        givenPlanWithSetupReady();
        given(started("P1-T1-S1", 1, "coder"),
                new TaskCancelled(projectId, TaskKey.of("P1-T1-S1"), "not needed", TaskKey.of("P1-T1")));

        TaskDetails cancelled = findTask("P1-T1-S1").orElseThrow();
        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.attemptHistory()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(AttemptView.ABANDONED);
            assertThat(attempt.endedAt()).isEqualTo(history.now());
        });
    }

    @Test
    void cancelling_an_escalated_task_closes_its_escalation() {
        givenPlanWithSetupReady();
        startAndFail("P1-T1-S1", 1, "coder", 0);
        given(new TaskEscalated(projectId, TaskKey.of("P1-T1-S1"), "lead", 1),
                new TaskCancelled(projectId, TaskKey.of("P1-T1-S1"), "dropped", null));

        assertThat(inbox(null).escalations()).singleElement().satisfies(closed -> {
            assertThat(closed.status()).isEqualTo(EscalationView.RESOLVED);
            assertThat(closed.decision()).isEqualTo(EscalationDecision.CANCEL);
            assertThat(closed.justification()).isEqualTo("dropped");
        });
    }

    @Test
    void prerequisites_added_later_block() {
        givenPlanWithSetupReady();
        given(new PrerequisiteAdded(projectId, TaskKey.of("P1-T1-S1"), TaskKey.of("P2")));

        assertThat(findTask("P1-T1-S1").orElseThrow().prerequisites()).isEqualTo(keys("P2"));
        assertThat(findTask("P1-T1-S1").orElseThrow().blockedBy()).isEqualTo(keys("P2"));
    }

    @Test
    void the_next_task_is_the_most_urgent_ready_leaf_the_agent_may_start() {
        given(new ProjectCreated(projectId, "SHOP", "Shop", null),
                new MemberAdded(projectId, "coder", ProjectRole.AGENT),
                new MemberAdded(projectId, "tester", ProjectRole.CONTRIBUTOR),
                new MemberAdded(projectId, "reviewer", ProjectRole.AGENT),
                new TaskAdded(projectId, definition("A", TaskLevel.PHASE, null, null, Priority.LOW, 3), 1),
                new TaskAdded(projectId, definition("B", TaskLevel.PHASE, null, "reviewer", Priority.CRITICAL, 3), 2),
                new TaskAdded(projectId, definition("C", TaskLevel.PHASE, null, "coder", Priority.HIGH, 3), 3),
                new TaskAdded(projectId, definition("D", TaskLevel.PHASE, null, null, Priority.HIGH, 3), 4),
                new TaskAdded(projectId, definition("D-T1", TaskLevel.TASK, "D", null, Priority.CRITICAL, 3), 5));
        for (String key : List.of("A", "B", "C", "D", "D-T1")) {
            given(new TaskBecameReady(projectId, TaskKey.of(key)));
        }

        assertThat(nextTaskFor("coder")).map(TaskRow::key).contains(TaskKey.of("D-T1"));
        given(started("D-T1", 1, "coder"));
        assertThat(nextTaskFor("coder")).map(TaskRow::key).contains(TaskKey.of("C"));
        assertThat(nextTaskFor("tester")).map(TaskRow::key).contains(TaskKey.of("A"));
        assertThat(nextTaskFor("reviewer")).map(TaskRow::key).contains(TaskKey.of("B"));

        given(new ProjectArchived(projectId));
        assertThat(nextTaskFor("coder")).isEmpty();
    }

    @Test
    void among_equally_urgent_tasks_the_older_project_comes_first_then_plan_order() {
        ProjectHistory newer = new ProjectHistory(START.plusSeconds(3600));
        given(new ProjectCreated(projectId, "OLD", "Older", null),
                new MemberAdded(projectId, "coder", ProjectRole.AGENT),
                new TaskAdded(projectId, definition("B", TaskLevel.PHASE, null, null, Priority.HIGH, 3), 7),
                new TaskAdded(projectId, definition("C", TaskLevel.PHASE, null, null, Priority.HIGH, 3), 3),
                new TaskBecameReady(projectId, TaskKey.of("B")),
                new TaskBecameReady(projectId, TaskKey.of("C")));
        for (Object event : List.of(new ProjectCreated(newer.projectId, "NEW", "Newer", null),
                new MemberAdded(newer.projectId, "coder", ProjectRole.AGENT),
                new TaskAdded(newer.projectId, definition("A", TaskLevel.PHASE, null, null, Priority.HIGH, 3), 1),
                new TaskBecameReady(newer.projectId, TaskKey.of("A")))) {
            apply(newer.append(event));
        }

        assertThat(nextTaskFor("coder")).map(TaskRow::key).contains(TaskKey.of("C"));
        given(started("C", 1, "coder"));
        assertThat(nextTaskFor("coder")).map(TaskRow::key).contains(TaskKey.of("B"));
        given(started("B", 1, "coder"));
        assertThat(nextTaskFor("coder")).map(TaskRow::projectId).contains(newer.projectId);
    }

    @Test
    void only_members_and_read_everything_roles_see_a_project() {
        given(new ProjectCreated(projectId, "SHOP", "Shop", null),
                new MemberAdded(projectId, "olga", ProjectRole.OWNER),
                new MemberAdded(projectId, "vic", ProjectRole.VIEWER));

        assertThat(visibleTo(new Caller("olga", GlobalRole.MANAGER))).isTrue();
        assertThat(visibleTo(new Caller("vic", GlobalRole.VIEWER))).isTrue();
        assertThat(visibleTo(new Caller("sam", GlobalRole.MANAGER))).isFalse();
        assertThat(visibleTo(new Caller("audrey", GlobalRole.AUDITOR))).isTrue();
        assertThat(ask(new FindProjectsQuery(new Caller("sam", GlobalRole.MANAGER)), ProjectList.class).projects())
                .isEmpty();
        assertThat(this.<MemberList>read(new FindMembersQuery(scope(projectId))).members())
                .extracting(MemberList.Member::username).containsExactly("olga", "vic");

        given(new MemberRemoved(projectId, "vic", ProjectRole.VIEWER));
        assertThat(visibleTo(new Caller("vic", GlobalRole.VIEWER))).isFalse();
        given(new MemberRoleChanged(projectId, "olga", ProjectRole.MANAGER, ProjectRole.OWNER));
        assertThat(this.<MemberList>read(new FindMembersQuery(scope(projectId))).members())
                .containsExactly(new MemberList.Member("olga", ProjectRole.MANAGER));
    }

    @Test
    void the_next_task_comes_only_from_projects_the_agent_works_in() {
        given(new ProjectCreated(projectId, "SHOP", "Shop", null),
                new MemberAdded(projectId, "watcher", ProjectRole.VIEWER),
                new TaskAdded(projectId, definition("A", TaskLevel.PHASE, null, null, Priority.LOW, 3), 1),
                new TaskBecameReady(projectId, TaskKey.of("A")));

        assertThat(nextTaskFor("watcher")).isEmpty();
        assertThat(nextTaskFor("outsider")).isEmpty();
    }

    @Test
    void workloads_count_tasks_per_assignee_in_projects_not_archived() {
        givenPlanWithSetupReady();
        given(started("P1-T1-S1", 1, "coder"));
        ProjectHistory archived = new ProjectHistory(START);
        apply(archived.append(new ProjectCreated(archived.projectId, "OLD", "Old", null)));
        apply(archived.append(new TaskAdded(archived.projectId, leafAssignedTo("coder"), 1)));
        apply(archived.append(new ProjectArchived(archived.projectId)));

        AgentWorkloadList workloads = ask(new FindAgentWorkloadsQuery(ADMIN), AgentWorkloadList.class);

        assertThat(workloads.agents()).containsExactly(new AgentWorkload("coder", 0, 1, 1, 0, 0, 0));
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        givenPlanWithSetupReady();
        DomainEventMessage<?> start = history.append(started("P1-T1-S1", 1, "coder"));
        apply(start);
        DomainEventMessage<?> cancel = history.append(new TaskCancelled(projectId, TaskKey.of("P1-T1-S1"), "x", null));
        apply(cancel);
        TaskDetails before = findTask("P1-T1-S1").orElseThrow();

        apply(start);
        apply(history.events().get(0));

        assertThat(findTask("P1-T1-S1")).contains(before);
        assertThat(findProject(projectId).orElseThrow().version()).isEqualTo(history.version());
    }

    @Test
    void a_replay_from_the_start_rebuilds_the_same_board() {
        givenPlanWithSetupReady();
        startAndFail("P1-T1-S1", 1, "coder", 0);
        given(new TaskEscalated(projectId, TaskKey.of("P1-T1-S1"), "lead", 1));
        List<Object> before = everyAnswer();

        clearBoard();
        history.events().forEach(this::apply);

        assertThat(everyAnswer()).isEqualTo(before);
    }

    private List<Object> everyAnswer() {
        return List.of(ask(new FindProjectsQuery(ADMIN), ProjectList.class),
                read(new FindTasksQuery(scope(projectId), null, null, null)),
                findTask("P1-T1-S1").orElseThrow(), inbox(null));
    }

    /** Setup phase P1 (task P1-T1, subtasks S1 and S2 after S1) is ready; phase P2 waits for P1. */
    private boolean visibleTo(Caller viewer) {
        ProjectScope scope = ProjectScope.of(projectId, viewer);
        List<ErrorCode> refusals = Arrays.asList(
                refusal(() -> read(new FindProjectQuery(scope))),
                refusal(() -> read(new FindTasksQuery(scope, null, null, null))),
                refusal(() -> read(new FindMembersQuery(scope))),
                refusal(() -> findTask(scope, "A")));
        assertThat(refusals).as("every project-scoped query decides alike").containsOnly(refusals.get(0));
        return refusals.get(0) == null;
    }

    /** Null when the query was answered; the code of its refusal otherwise. */
    private static ErrorCode refusal(Runnable query) {
        try {
            query.run();
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof TaskledgerException refused) {
                return refused.code();
            }
            throw e;
        }
    }

    private static ProjectScope scope(ProjectId id) {
        return ProjectScope.of(id, ADMIN);
    }

    private void givenPlanWithSetupReady() {
        given(new ProjectCreated(projectId, "SHOP", "Shop", "The web shop"),
                new TaskAdded(projectId, phase("P1"), 1),
                new TaskAdded(projectId, task("P1-T1", "P1"), 2),
                new TaskAdded(projectId, subtask("P1-T1-S1", "P1-T1", null), 3),
                new TaskAdded(projectId, subtask("P1-T1-S2", "P1-T1", "coder", "P1-T1-S1"), 4),
                new TaskAdded(projectId, phase("P2", "P1"), 5),
                new TaskBecameReady(projectId, TaskKey.of("P1")),
                new TaskBecameReady(projectId, TaskKey.of("P1-T1")),
                new TaskBecameReady(projectId, TaskKey.of("P1-T1-S1")));
    }

    private void startAndFail(String key, int attempt, String agent, int retriesLeft) {
        given(started(key, attempt, agent),
                new ContainerStarted(projectId, TaskKey.of("P1-T1")),
                new ContainerStarted(projectId, TaskKey.of("P1")),
                new AttemptFailed(projectId, TaskKey.of(key), attempt, agent, AttemptFailureReason.CRITERIA_FAILED,
                        List.of(new CriterionResult(key + "-01/1", true, "exit 0"),
                                new CriterionResult(key + "-01/2", false, "no package.json")),
                        List.of(key + "-01/2"), retriesLeft));
    }

    private TaskStarted started(String key, int attempt, String agent) {
        Instant startedAt = history.now().plusSeconds(60);
        return new TaskStarted(projectId, TaskKey.of(key), attempt, agent, startedAt, startedAt.plusSeconds(3600));
    }

    private static TaskDefinition leafAssignedTo(String agent) {
        return definition("X", TaskLevel.PHASE, null, agent, Priority.LOW, 3);
    }

    private void given(Object... events) {
        for (Object event : events) {
            apply(history.append(event));
        }
    }

    private void apply(DomainEventMessage<?> event) {
        transactions.executeWithoutResult(status -> {
            try {
                projection.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The body of a project-scoped query's answer. */
    private <R> R read(ProjectScopedQuery query) {
        return this.<R>answer(query).body();
    }

    @SuppressWarnings("unchecked")
    private <R> ProjectAnswer<R> answer(ProjectScopedQuery query) {
        return queries.query(query, ProjectAnswer.responseType()).join();
    }

    private <R> R ask(Object query, Class<R> answer) {
        return queries.query(query, answer).join();
    }

    /** Empty when refused as not found. */
    private Optional<ProjectSummary> findProject(ProjectId id) {
        try {
            return Optional.of(read(new FindProjectQuery(scope(id))));
        } catch (CompletionException e) {
            if (e.getCause() instanceof TaskledgerException refused
                    && refused.code() == ErrorCode.PROJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<TaskDetails> findTask(String key) {
        return findTask(scope(projectId), key);
    }

    private Optional<TaskDetails> findTask(ProjectScope scope, String key) {
        return Optional.ofNullable(read(new FindTaskQuery(scope, TaskKey.of(key))));
    }

    private Optional<TaskRow> nextTaskFor(String agent) {
        return queries.query(new FindNextTaskQuery(agent, ADMIN), ResponseTypes.optionalInstanceOf(TaskRow.class)).join();
    }

    private EscalationList inbox(String status) {
        return ask(new FindEscalationsQuery(status, ADMIN), EscalationList.class);
    }

    private List<TaskKey> keysOf(FindTasksQuery query) {
        return this.<TaskList>read(query).tasks().stream().map(TaskRow::key).toList();
    }
}
