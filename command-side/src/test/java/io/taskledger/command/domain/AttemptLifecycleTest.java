package io.taskledger.command.domain;

import io.taskledger.api.command.AttemptOpened;
import io.taskledger.api.command.AttemptReported;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.ResolveEscalationCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.event.AttemptFailed;
import io.taskledger.api.event.AttemptSucceeded;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.EscalationResolved;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskFailed;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Rules 3, 4 and 5: starting, reporting, retries, escalation and the failure policy. */
class AttemptLifecycleTest extends ProjectFixtureSupport {

    @Test
    void starting_a_ready_leaf_opens_attempt_1_with_a_lease_and_starts_its_containers() {
        fixture.given(standardPlan())
                .when(new StartTaskCommand(PROJECT, S01, AGENT))
                .expectEvents(new TaskStarted(PROJECT, S01, 1, AGENT, NOW, NOW.plus(Duration.ofMinutes(60))),
                        new ContainerStarted(PROJECT, P04_T01),
                        new ContainerStarted(PROJECT, P04))
                .expectResultMessagePayload(new AttemptOpened(1, NOW.plus(Duration.ofMinutes(60)), 13))
                .expectScheduledDeadline(NOW.plus(Duration.ofMinutes(60)), new LeaseExpiry(S01, 1));
    }

    @Test
    void a_task_with_an_unmet_prerequisite_cannot_start() {
        fixture.given(standardPlan())
                .when(new StartTaskCommand(PROJECT, S02, AGENT))
                .expectException(refused(ErrorCode.TASK_NOT_READY,
                        "P04-T01-S02 cannot start: prerequisite P04-T01-S01 is READY, not SUCCEEDED"))
                .expectNoEvents();
    }

    @Test
    void a_task_with_an_open_attempt_cannot_start_again() {
        fixture.given(standardPlanWithS01Started())
                .when(new StartTaskCommand(PROJECT, S01, AGENT))
                .expectException(refused(ErrorCode.TASK_NOT_READY, "it is IN_PROGRESS, not READY"));
    }

    @Test
    void a_container_cannot_be_started() {
        fixture.given(standardPlan())
                .when(new StartTaskCommand(PROJECT, P04_T01, AGENT))
                .expectException(refused(ErrorCode.NOT_A_LEAF, "P04-T01 cannot be started",
                        "P04-T01-S01, P04-T01-S02"));
    }

    @Test
    void only_the_assignee_starts_an_assigned_task() {
        fixture.given(standardPlanWith(assignedTo(subtask(S01, P04_T01), AGENT)))
                .when(new StartTaskCommand(PROJECT, S01, OTHER_AGENT))
                .expectException(refused(ErrorCode.NOT_ASSIGNEE, "it is assigned to @coding-agent"));
    }

    @Test
    void an_unassigned_task_is_claimed_by_its_first_starter() {
        List<Object> history = concat(standardPlanWithS01Started(),
                new AttemptFailed(PROJECT, S01, 1, AGENT, AttemptFailureReason.CRITERIA_FAILED,
                        results(S01, false, true), List.of("P04-T01-S01-01/1"), 3),
                ready(S01));
        fixture.given(history)
                .when(new StartTaskCommand(PROJECT, S01, OTHER_AGENT))
                .expectException(refused(ErrorCode.NOT_ASSIGNEE, "it is assigned to @coding-agent"));
    }

    @Test
    void a_passing_report_succeeds_and_makes_its_dependent_ready_in_the_same_unit_of_work() {
        fixture.given(standardPlanWithS01Started())
                .when(new ReportAttemptCommand(PROJECT, S01, 1, null, results(S01, true, true)))
                .expectEvents(new AttemptSucceeded(PROJECT, S01, 1, AGENT, results(S01, true, true)),
                        new TaskSucceeded(PROJECT, S01, SuccessBasis.CRITERIA_PASSED),
                        ready(S02))
                .expectResultMessagePayload(new AttemptReported(TaskStatus.SUCCEEDED, 16));
    }

    @Test
    void the_last_leaf_succeeding_completes_its_task_and_phase_and_readies_the_dependent_phase_down_to_its_subtasks() {
        List<Object> history = new ArrayList<>(standardPlanWithS01Succeeded());
        history.add(new TaskStarted(PROJECT, S02, 1, AGENT, NOW, NOW.plus(Duration.ofMinutes(60))));
        fixture.given(history)
                .when(new ReportAttemptCommand(PROJECT, S02, 1, AGENT, results(S02, true, true)))
                .expectEvents(new AttemptSucceeded(PROJECT, S02, 1, AGENT, results(S02, true, true)),
                        new TaskSucceeded(PROJECT, S02, SuccessBasis.CRITERIA_PASSED),
                        new TaskSucceeded(PROJECT, P04_T01, SuccessBasis.CHILDREN_SUCCEEDED),
                        new TaskSucceeded(PROJECT, P04, SuccessBasis.CHILDREN_SUCCEEDED),
                        ready(P05), ready(P05_T01), ready(P05_S01));
    }

    @Test
    void a_failed_report_with_retries_left_makes_the_task_ready_again() {
        fixture.given(standardPlanWithS01Started())
                .when(new ReportAttemptCommand(PROJECT, S01, 1, AGENT, results(S01, true, false)))
                .expectEvents(new AttemptFailed(PROJECT, S01, 1, AGENT, AttemptFailureReason.CRITERIA_FAILED,
                                results(S01, true, false), List.of("P04-T01-S01-01/2"), 3),
                        ready(S01))
                .expectResultMessagePayload(new AttemptReported(TaskStatus.READY, 15));
    }

    @Test
    void a_retry_after_a_failed_attempt_opens_attempt_2_and_can_succeed() {
        List<Object> history = concat(standardPlanWithS01Started(),
                new AttemptFailed(PROJECT, S01, 1, AGENT, AttemptFailureReason.CRITERIA_FAILED,
                        results(S01, false, false), List.of("P04-T01-S01-01/1", "P04-T01-S01-01/2"), 3),
                ready(S01));
        fixture.given(history)
                .andGivenCommands(new StartTaskCommand(PROJECT, S01, AGENT))
                .when(new ReportAttemptCommand(PROJECT, S01, 2, AGENT, results(S01, true, true)))
                .expectEvents(new AttemptSucceeded(PROJECT, S01, 2, AGENT, results(S01, true, true)),
                        new TaskSucceeded(PROJECT, S01, SuccessBasis.CRITERIA_PASSED),
                        ready(S02));
    }

    @Test
    void the_last_failed_attempt_escalates_under_the_escalate_policy() {
        fixture.given(lastAttemptStarted(FailurePolicy.ESCALATE_TO_HUMAN))
                .when(new ReportAttemptCommand(PROJECT, S01, 2, AGENT, results(S01, false, true)))
                .expectEvents(new AttemptFailed(PROJECT, S01, 2, AGENT, AttemptFailureReason.CRITERIA_FAILED,
                                results(S01, false, true), List.of("P04-T01-S01-01/1"), 0),
                        new TaskEscalated(PROJECT, S01, "@manager", 2))
                .expectResultMessagePayload(new AttemptReported(TaskStatus.ESCALATED, 18));
    }

    @Test
    void the_last_failed_attempt_fails_the_task_under_the_fail_policy() {
        fixture.given(lastAttemptStarted(FailurePolicy.FAIL))
                .when(new ReportAttemptCommand(PROJECT, S01, 2, AGENT, results(S01, false, true)))
                .expectEvents(new AttemptFailed(PROJECT, S01, 2, AGENT, AttemptFailureReason.CRITERIA_FAILED,
                                results(S01, false, true), List.of("P04-T01-S01-01/1"), 0),
                        new TaskFailed(PROJECT, S01, 2))
                .expectResultMessagePayload(new AttemptReported(TaskStatus.FAILED, 18));
    }

    @Test
    void a_report_must_cover_every_criterion_and_no_other() {
        fixture.given(standardPlanWithS01Started())
                .when(new ReportAttemptCommand(PROJECT, S01, 1, AGENT, List.of(
                        new CriterionResult("P04-T01-S01-01/1", true, "exit code 0"),
                        new CriterionResult("P04-T01-S01-01/3", true, "?"))))
                .expectException(refused(ErrorCode.INCOMPLETE_REPORT, "unknown criterion P04-T01-S01-01/3",
                        "no result for criterion P04-T01-S01-01/2"))
                .expectNoEvents();
    }

    @Test
    void a_report_of_an_earlier_attempt_is_refused() {
        fixture.given(standardPlanWithS01Started())
                .when(new ReportAttemptCommand(PROJECT, S01, 2, AGENT, results(S01, true, true)))
                .expectException(refused(ErrorCode.NOT_CURRENT_ATTEMPT, "the open attempt is 1"));
    }

    @Test
    void only_the_holder_reports_an_attempt() {
        fixture.given(standardPlanWithS01Started())
                .when(new ReportAttemptCommand(PROJECT, S01, 1, OTHER_AGENT, results(S01, true, true)))
                .expectException(refused(ErrorCode.NOT_ATTEMPT_HOLDER, "it is held by @coding-agent"));
    }

    @Test
    void a_task_without_an_open_attempt_cannot_be_reported() {
        fixture.given(standardPlan())
                .when(new ReportAttemptCommand(PROJECT, S01, 1, AGENT, results(S01, true, true)))
                .expectException(refused(ErrorCode.TASK_NOT_IN_PROGRESS, "the task is READY"));
    }

    @Test
    void a_retry_decision_makes_an_escalated_task_ready_with_a_fresh_budget_and_counting_attempts() {
        fixture.given(escalatedAfterTwoAttempts())
                .andGivenCommands(new ResolveEscalationCommand(PROJECT, S01, EscalationDecision.RETRY, "flaky CI"),
                        new StartTaskCommand(PROJECT, S01, AGENT))
                .when(new ReportAttemptCommand(PROJECT, S01, 3, AGENT, results(S01, false, true)))
                .expectEvents(new AttemptFailed(PROJECT, S01, 3, AGENT, AttemptFailureReason.CRITERIA_FAILED,
                                results(S01, false, true), List.of("P04-T01-S01-01/1"), 1),
                        ready(S01));
    }

    @Test
    void a_retry_decision_is_recorded_then_the_task_is_ready() {
        fixture.given(escalatedAfterTwoAttempts())
                .when(new ResolveEscalationCommand(PROJECT, S01, EscalationDecision.RETRY, "flaky CI"))
                .expectEvents(new EscalationResolved(PROJECT, S01, EscalationDecision.RETRY, "flaky CI"), ready(S01))
                .expectResultMessagePayload(new CommandAccepted(20));
    }

    @Test
    void accepting_an_escalation_succeeds_the_task_on_the_managers_word() {
        fixture.given(escalatedAfterTwoAttempts())
                .when(new ResolveEscalationCommand(PROJECT, S01, EscalationDecision.ACCEPT, "checked by hand"))
                .expectEvents(new EscalationResolved(PROJECT, S01, EscalationDecision.ACCEPT, "checked by hand"),
                        new TaskSucceeded(PROJECT, S01, SuccessBasis.ACCEPTED_ON_ESCALATION),
                        ready(S02));
    }

    @Test
    void cancelling_on_escalation_cancels_the_task() {
        fixture.given(escalatedAfterTwoAttempts())
                .when(new ResolveEscalationCommand(PROJECT, S01, EscalationDecision.CANCEL, "not needed"))
                .expectEvents(new EscalationResolved(PROJECT, S01, EscalationDecision.CANCEL, "not needed"),
                        new TaskCancelled(PROJECT, S01, "not needed", null));
    }

    @Test
    void a_task_that_is_not_escalated_cannot_be_resolved() {
        fixture.given(standardPlanWithS01Started())
                .when(new ResolveEscalationCommand(PROJECT, S01, EscalationDecision.ACCEPT, "looks fine"))
                .expectException(refused(ErrorCode.TASK_NOT_ESCALATED, "it is IN_PROGRESS, not ESCALATED"));
    }

    @Test
    void a_resolution_needs_a_justification() {
        fixture.given(escalatedAfterTwoAttempts())
                .when(new ResolveEscalationCommand(PROJECT, S01, EscalationDecision.ACCEPT, " "))
                .expectException(refused(ErrorCode.INVALID_INPUT, "justification is required"));
    }

    /** P04-T01-S01 with one retry under the given policy, attempt 1 failed and attempt 2 open: version 16. */
    private static List<Object> lastAttemptStarted(FailurePolicy policy) {
        List<Object> history = new ArrayList<>(standardPlanWith(withBudget(subtask(S01, P04_T01), 1, policy)));
        history.addAll(startedEvents(S01, 1));
        history.add(new AttemptFailed(PROJECT, S01, 1, AGENT, AttemptFailureReason.TIMED_OUT, List.of(), List.of(),
                1));
        history.add(ready(S01));
        history.addAll(startedEvents(S01, 2));
        return history;
    }

    /** {@link #lastAttemptStarted} with attempt 2 failed and the task escalated: version 18. */
    private static List<Object> escalatedAfterTwoAttempts() {
        return concat(lastAttemptStarted(FailurePolicy.ESCALATE_TO_HUMAN),
                new AttemptFailed(PROJECT, S01, 2, AGENT, AttemptFailureReason.CRITERIA_FAILED,
                        results(S01, false, true), List.of("P04-T01-S01-01/1"), 0),
                new TaskEscalated(PROJECT, S01, "@manager", 2));
    }
}
