package io.taskledger.command.domain;

import io.taskledger.api.command.AssignTaskCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.event.TaskAssigned;
import io.taskledger.api.event.TaskCancelled;
import org.junit.jupiter.api.Test;

/** Who works a task: assigned before it starts, and not taken from the holder of an open attempt. */
class AssignmentTest extends ProjectFixtureSupport {

    @Test
    void assigning_an_unassigned_task_records_the_assignee() {
        fixture.given(standardPlan())
                .when(new AssignTaskCommand(PROJECT, S02, AGENT))
                .expectEvents(new TaskAssigned(PROJECT, S02, AGENT, null))
                .expectResultMessagePayload(new CommandAccepted(11));
    }

    @Test
    void reassigning_names_the_previous_assignee() {
        fixture.given(concat(standardPlan(), new TaskAssigned(PROJECT, S02, AGENT, null)))
                .when(new AssignTaskCommand(PROJECT, S02, OTHER_AGENT))
                .expectEvents(new TaskAssigned(PROJECT, S02, OTHER_AGENT, AGENT));
    }

    @Test
    void assigning_the_current_assignee_again_is_refused() {
        fixture.given(concat(standardPlan(), new TaskAssigned(PROJECT, S02, AGENT, null)))
                .when(new AssignTaskCommand(PROJECT, S02, AGENT))
                .expectException(refused(ErrorCode.ALREADY_ASSIGNED, "already assigned to @coding-agent"));
    }

    @Test
    void a_task_with_an_open_attempt_is_not_reassigned() {
        fixture.given(standardPlanWithS01Started())
                .when(new AssignTaskCommand(PROJECT, S01, OTHER_AGENT))
                .expectException(refused(ErrorCode.TASK_NOT_READY, "while attempt 1 is open"));
    }

    @Test
    void a_finished_task_is_not_reassigned() {
        fixture.given(concat(standardPlan(), new TaskCancelled(PROJECT, S02, "dropped", null)))
                .when(new AssignTaskCommand(PROJECT, S02, OTHER_AGENT))
                .expectException(refused(ErrorCode.TASK_FINISHED, "cannot be assigned: it is already CANCELLED"));
    }
}
