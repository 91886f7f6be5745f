package io.taskledger.command.domain;

import io.taskledger.api.command.ArchiveProjectCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.event.AttemptFailed;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.FailurePolicy;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/** Rule 6: an expired lease fails its attempt through a deadline, and only if that attempt is still open. */
class LeaseExpiryTest extends ProjectFixtureSupport {

    private static final Duration LEASE = Duration.ofMinutes(60);
    private static final Duration HALF_LEASE = Duration.ofMinutes(30);

    @Test
    void an_expired_lease_fails_the_attempt_as_timed_out_and_the_task_is_ready_for_a_retry() {
        fixture.given(standardPlan())
                .andGivenCommands(new StartTaskCommand(PROJECT, S01, AGENT))
                .whenThenTimeElapses(LEASE)
                .expectDeadlinesMet(new LeaseExpiry(S01, 1))
                .expectEvents(new AttemptFailed(PROJECT, S01, 1, AGENT, AttemptFailureReason.TIMED_OUT, List.of(),
                        List.of(), 3), ready(S01));
    }

    @Test
    void a_lease_expiring_on_the_last_attempt_applies_the_failure_policy() {
        fixture.given(standardPlanWith(withBudget(subtask(S01, P04_T01), 0, FailurePolicy.ESCALATE_TO_HUMAN)))
                .andGivenCommands(new StartTaskCommand(PROJECT, S01, AGENT))
                .whenThenTimeAdvancesTo(NOW.plus(LEASE))
                .expectEvents(new AttemptFailed(PROJECT, S01, 1, AGENT, AttemptFailureReason.TIMED_OUT, List.of(),
                        List.of(), 0), new TaskEscalated(PROJECT, S01, "@manager", 1));
    }

    @Test
    void the_lease_does_not_expire_early() {
        fixture.given(standardPlan())
                .andGivenCommands(new StartTaskCommand(PROJECT, S01, AGENT))
                .whenThenTimeElapses(LEASE.minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void the_deadline_of_an_attempt_already_reported_does_nothing() {
        fixture.given(standardPlan())
                .andGivenCommands(new StartTaskCommand(PROJECT, S01, AGENT),
                        new ReportAttemptCommand(PROJECT, S01, 1, AGENT, results(S01, true, true)))
                .whenThenTimeElapses(LEASE)
                .expectDeadlinesMet(new LeaseExpiry(S01, 1))
                .expectNoEvents();
    }

    @Test
    void the_deadline_of_an_earlier_attempt_does_not_fail_the_next_one() {
        TestExecutor<Project> firstAttemptFailed = fixture.given(standardPlan())
                .andGivenCommands(new StartTaskCommand(PROJECT, S01, AGENT),
                        new ReportAttemptCommand(PROJECT, S01, 1, AGENT, results(S01, false, true)));
        clock.set(NOW.plus(HALF_LEASE));
        firstAttemptFailed.andGivenCommands(new StartTaskCommand(PROJECT, S01, AGENT))
                .whenThenTimeAdvancesTo(NOW.plus(LEASE))
                .expectDeadlinesMet(new LeaseExpiry(S01, 1))
                .expectNoEvents()
                .expectScheduledDeadline(NOW.plus(HALF_LEASE).plus(LEASE), new LeaseExpiry(S01, 2));
    }

    @Test
    void a_lease_expiring_in_an_archived_project_does_nothing() {
        fixture.given(standardPlan())
                .andGivenCommands(new StartTaskCommand(PROJECT, S01, AGENT), new ArchiveProjectCommand(PROJECT))
                .whenThenTimeElapses(LEASE)
                .expectDeadlinesMet(new LeaseExpiry(S01, 1))
                .expectNoEvents();
    }
}
