package io.taskledger.command.domain;

import io.taskledger.api.command.AddPrerequisiteCommand;
import io.taskledger.api.command.AddTaskCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.RemovePrerequisiteCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.event.PrerequisiteAdded;
import io.taskledger.api.event.PrerequisiteRemoved;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskBecamePending;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Rules 1, 2 and 7: keys, nesting, prerequisites and frozen structure. */
class PlanStructureTest extends ProjectFixtureSupport {

    private static final TaskKey P06 = TaskKey.of("P06");
    private static final TaskKey P04_T02 = TaskKey.of("P04-T02");

    @Test
    void a_new_phase_without_prerequisites_is_added_and_ready_at_once() {
        TaskDefinition leftOut = new TaskDefinition(P06, TaskLevel.PHASE, null, "Release", null, null, null, 3,
                null, null, 60, List.of(), List.of());
        fixture.given(standardPlan())
                .when(new AddTaskCommand(PROJECT, leftOut))
                .expectEvents(new TaskAdded(PROJECT, Inputs.withDefaults(leftOut), 8), ready(P06))
                .expectResultMessagePayload(new CommandAccepted(12));
    }

    @Test
    void a_task_key_is_unique_in_its_project() {
        fixture.given(standardPlan())
                .when(new AddTaskCommand(PROJECT, task(P04_T01, P04)))
                .expectException(refused(ErrorCode.DUPLICATE_TASK_KEY, "task key P04-T01 is already used"))
                .expectNoEvents();
    }

    @Test
    void a_subtask_cannot_sit_directly_under_a_phase() {
        fixture.given(standardPlan())
                .when(new AddTaskCommand(PROJECT, subtask(TaskKey.of("P04-S09"), P04)))
                .expectException(refused(ErrorCode.INVALID_HIERARCHY,
                        "SUBTASK P04-S09 must sit under a TASK, but P04 is a PHASE"));
    }

    @Test
    void a_task_needs_a_parent_phase() {
        fixture.given(standardPlan())
                .when(new AddTaskCommand(PROJECT, task(P04_T02, null)))
                .expectException(refused(ErrorCode.INVALID_HIERARCHY, "TASK P04-T02 needs a parent PHASE"));
    }

    @Test
    void a_prerequisite_must_be_a_task_of_the_project() {
        fixture.given(standardPlan())
                .when(new AddTaskCommand(PROJECT, task(P04_T02, P04, TaskKey.of("P99"))))
                .expectException(refused(ErrorCode.INVALID_PREREQUISITE, "there is no task P99 in this project"));
    }

    @Test
    void a_task_cannot_require_its_own_ancestor() {
        fixture.given(standardPlan())
                .when(new AddPrerequisiteCommand(PROJECT, S02, P04))
                .expectException(refused(ErrorCode.INVALID_PREREQUISITE, "P04 is its ancestor"));
    }

    @Test
    void a_task_cannot_require_its_own_descendant() {
        fixture.given(standardPlan())
                .when(new AddPrerequisiteCommand(PROJECT, P04_T01, S01))
                .expectException(refused(ErrorCode.INVALID_PREREQUISITE, "P04-T01-S01 is its descendant"));
    }

    @Test
    void a_cancelled_task_cannot_become_a_prerequisite() {
        fixture.given(concat(standardPlan(), new TaskCancelled(PROJECT, P05_S01, "dropped", null)))
                .when(new AddTaskCommand(PROJECT, task(P04_T02, P04, P05_S01)))
                .expectException(refused(ErrorCode.INVALID_PREREQUISITE, "P05-T01-S01 is CANCELLED"));
    }

    @Test
    void a_prerequisite_that_closes_a_cycle_is_refused() {
        fixture.given(standardPlan())
                .when(new AddPrerequisiteCommand(PROJECT, S01, S02))
                .expectException(refused(ErrorCode.PREREQUISITE_CYCLE,
                        "P04-T01-S01 waits for P04-T01-S02 waits for P04-T01-S01"))
                .expectNoEvents();
    }

    @Test
    void a_cycle_through_the_hierarchy_is_refused_too() {
        // P05 waits for P04, which waits for its subtasks: a subtask of P04 cannot wait for P05.
        fixture.given(standardPlan())
                .when(new AddPrerequisiteCommand(PROJECT, S01, P05))
                .expectException(refused(ErrorCode.PREREQUISITE_CYCLE, "prerequisites would form a cycle"));
    }

    @Test
    void a_prerequisite_makes_a_ready_task_and_its_subtasks_wait_again() {
        fixture.given(concat(standardPlan(), new TaskAdded(PROJECT, phase(P06), 8), ready(P06)))
                .when(new AddPrerequisiteCommand(PROJECT, P04_T01, P06))
                .expectEvents(new PrerequisiteAdded(PROJECT, P04_T01, P06),
                        new TaskBecamePending(PROJECT, P04_T01, List.of(P06)),
                        new TaskBecamePending(PROJECT, S01, List.of(P06)));
    }

    @Test
    void removing_the_last_unmet_prerequisite_makes_the_task_ready() {
        fixture.given(standardPlan())
                .when(new RemovePrerequisiteCommand(PROJECT, S02, S01))
                .expectEvents(new PrerequisiteRemoved(PROJECT, S02, S01), ready(S02));
    }

    @Test
    void removing_a_prerequisite_the_task_does_not_have_is_refused() {
        fixture.given(standardPlan())
                .when(new RemovePrerequisiteCommand(PROJECT, S01, S02))
                .expectException(refused(ErrorCode.INVALID_PREREQUISITE, "P04-T01-S01 does not require P04-T01-S02"));
    }

    @Test
    void a_started_task_gets_no_new_prerequisite() {
        fixture.given(standardPlanWithS01Started())
                .when(new AddPrerequisiteCommand(PROJECT, S01, P05_S01))
                .expectException(refused(ErrorCode.STRUCTURE_FROZEN, "P04-T01-S01 has started"));
    }

    @Test
    void no_child_is_added_under_a_started_task() {
        fixture.given(standardPlanWithS01Started())
                .when(new AddTaskCommand(PROJECT, subtask(TaskKey.of("P04-T01-S03"), P04_T01)))
                .expectException(refused(ErrorCode.STRUCTURE_FROZEN,
                        "P04-T01-S03 cannot be added under P04-T01: P04-T01 has started"));
    }

    @Test
    void a_finished_task_keeps_its_prerequisites() {
        fixture.given(standardPlanWithS01Succeeded())
                .when(new AddPrerequisiteCommand(PROJECT, S01, P05_S01))
                .expectException(refused(ErrorCode.TASK_FINISHED, "P04-T01-S01 is SUCCEEDED"));
    }

    @Test
    void an_unknown_task_is_not_found() {
        fixture.given(standardPlan())
                .when(new AddPrerequisiteCommand(PROJECT, TaskKey.of("P42"), P04))
                .expectException(refused(ErrorCode.TASK_NOT_FOUND, "there is no task P42 in this project"));
    }
}
