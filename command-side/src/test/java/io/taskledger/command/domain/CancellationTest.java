package io.taskledger.command.domain;

import io.taskledger.api.command.CancelTaskCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.plan.SuccessBasis;
import org.junit.jupiter.api.Test;

/** Rule 7's other half: tasks are cancelled, never deleted, and the cancellation cascades down. */
class CancellationTest extends ProjectFixtureSupport {

    @Test
    void cancelling_a_task_cascades_to_its_unfinished_descendants_and_spares_the_finished_ones() {
        fixture.given(standardPlanWithS01Succeeded())
                .when(new CancelTaskCommand(PROJECT, P04, "scope cut"))
                .expectEvents(new TaskCancelled(PROJECT, P04, "scope cut", null),
                        new TaskCancelled(PROJECT, P04_T01, "scope cut", P04),
                        new TaskCancelled(PROJECT, S02, "scope cut", P04));
    }

    @Test
    void cancelling_the_last_unfinished_child_lets_its_container_succeed_and_unblocks_dependents() {
        fixture.given(standardPlanWithS01Succeeded())
                .when(new CancelTaskCommand(PROJECT, S02, "not needed"))
                .expectEvents(new TaskCancelled(PROJECT, S02, "not needed", null),
                        new TaskSucceeded(PROJECT, P04_T01, SuccessBasis.CHILDREN_SUCCEEDED),
                        new TaskSucceeded(PROJECT, P04, SuccessBasis.CHILDREN_SUCCEEDED),
                        ready(P05), ready(P05_T01), ready(P05_S01));
    }

    @Test
    void a_container_whose_children_are_all_cancelled_is_cancelled() {
        fixture.given(standardPlan())
                .when(new CancelTaskCommand(PROJECT, P05_S01, "dropped"))
                .expectEvents(new TaskCancelled(PROJECT, P05_S01, "dropped", null),
                        new TaskCancelled(PROJECT, P05_T01, "every child of P05-T01 was cancelled", null),
                        new TaskCancelled(PROJECT, P05, "every child of P05 was cancelled", null));
    }

    @Test
    void cancelling_a_leaf_in_progress_abandons_its_attempt_so_its_report_is_refused() {
        fixture.given(standardPlanWithS01Started())
                .andGivenCommands(new CancelTaskCommand(PROJECT, S01, "wrong approach"))
                .when(new ReportAttemptCommand(PROJECT, S01, 1, AGENT, results(S01, true, true)))
                .expectException(refused(ErrorCode.TASK_NOT_IN_PROGRESS, "the task is CANCELLED"));
    }

    @Test
    void a_finished_task_cannot_be_cancelled() {
        fixture.given(concat(standardPlan(), new TaskCancelled(PROJECT, S02, "dropped", null)))
                .when(new CancelTaskCommand(PROJECT, S02, "again"))
                .expectException(refused(ErrorCode.TASK_FINISHED, "it is already CANCELLED"));
    }

    @Test
    void a_cancellation_needs_a_reason() {
        fixture.given(standardPlan())
                .when(new CancelTaskCommand(PROJECT, S02, null))
                .expectException(refused(ErrorCode.INVALID_INPUT, "reason is required"));
    }
}
