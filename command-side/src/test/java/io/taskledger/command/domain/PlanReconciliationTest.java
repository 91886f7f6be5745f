package io.taskledger.command.domain;

import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.TaskBecamePending;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.taskledger.command.domain.ProjectFixtureSupport.PROJECT;
import static io.taskledger.command.domain.ProjectFixtureSupport.phase;
import static io.taskledger.command.domain.ProjectFixtureSupport.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which change reconciliation makes first when several are due: readiness before blocking, blocking before a
 * container starting, that before a roll-up; each the first in plan order. The aggregate tests reach these states
 * only one change at a time, so the order is pinned here on the plan itself, with the later kind earlier in plan
 * order.
 */
class PlanReconciliationTest {

    private static final TaskKey P1 = TaskKey.of("P1");
    private static final TaskKey P2 = TaskKey.of("P2");
    private static final TaskKey P1_T1 = TaskKey.of("P1-T1");
    private static final TaskKey P1_T2 = TaskKey.of("P1-T2");
    private static final TaskKey P2_T1 = TaskKey.of("P2-T1");
    private static final TaskKey P2_T2 = TaskKey.of("P2-T2");

    private final Plan plan = new Plan();

    @Test
    void a_task_no_longer_blocked_becomes_ready_before_a_task_earlier_in_the_plan_is_blocked_again() {
        plan.add(phase(P1));
        plan.add(task(P1_T1, P1, P1_T2));
        plan.add(task(P1_T2, P1));
        plan.add(phase(P2));
        status(P1, TaskStatus.READY);
        status(P1_T1, TaskStatus.READY);     // blocked again: P1-T2 has not succeeded
        status(P1_T2, TaskStatus.READY);
        status(P2, TaskStatus.PENDING);      // no prerequisite left

        assertThat(plan.nextReconciliation(PROJECT)).contains(new TaskBecameReady(PROJECT, P2));

        status(P2, TaskStatus.READY);
        assertThat(plan.nextReconciliation(PROJECT)).contains(new TaskBecamePending(PROJECT, P1_T1, List.of(P1_T2)));
    }

    @Test
    void a_task_blocked_again_goes_back_to_pending_before_an_earlier_container_rolls_up() {
        rollUpInP1AndBothOfP2();
        status(P2_T1, TaskStatus.READY);     // blocked again: P2-T2 has not succeeded
        status(P2_T2, TaskStatus.READY);

        assertThat(plan.nextReconciliation(PROJECT))
                .contains(new TaskBecamePending(PROJECT, P2_T1, List.of(P2_T2)));
    }

    @Test
    void a_container_with_a_started_child_starts_before_an_earlier_container_rolls_up() {
        rollUpInP1AndBothOfP2();
        plan.require(P2_T2).openAttempt(1, "@coding-agent");

        assertThat(plan.nextReconciliation(PROJECT)).contains(new ContainerStarted(PROJECT, P2));

        plan.require(P2).markContainerStarted();
        assertThat(plan.nextReconciliation(PROJECT))
                .contains(new TaskSucceeded(PROJECT, P1, SuccessBasis.CHILDREN_SUCCEEDED));

        status(P1, TaskStatus.SUCCEEDED);
        assertThat(plan.nextReconciliation(PROJECT)).as("settled").isEmpty();
    }

    /** P1 in progress with its one task succeeded (a roll-up due); P2 ready, its P2-T1 waiting for P2-T2. */
    private void rollUpInP1AndBothOfP2() {
        plan.add(phase(P1));
        plan.add(task(P1_T1, P1));
        plan.add(phase(P2));
        plan.add(task(P2_T1, P2, P2_T2));
        plan.add(task(P2_T2, P2));
        status(P1, TaskStatus.IN_PROGRESS);
        status(P1_T1, TaskStatus.SUCCEEDED);
        status(P2, TaskStatus.READY);
        status(P2_T1, TaskStatus.PENDING);
        status(P2_T2, TaskStatus.READY);
    }

    private void status(TaskKey key, TaskStatus status) {
        plan.require(key).changeStatus(status);
    }
}
