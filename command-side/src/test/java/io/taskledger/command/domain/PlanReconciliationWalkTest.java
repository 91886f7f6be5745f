package io.taskledger.command.domain;

import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.TaskBecamePending;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEvent;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.taskledger.command.domain.ProjectFixtureSupport.PROJECT;
import static io.taskledger.command.domain.ProjectFixtureSupport.phase;
import static io.taskledger.command.domain.ProjectFixtureSupport.subtask;
import static io.taskledger.command.domain.ProjectFixtureSupport.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation looks only at the tasks a change can affect ({@link Plan#nextReconciliation}); its decisions must be
 * those of a walk over the whole plan. Each change here is made on a settled plan, through the same methods the
 * aggregate's event-sourcing handlers call, and every decision is checked against a fresh copy of the plan, whose first
 * reconciliation walks every task.
 */
class PlanReconciliationWalkTest {

    private static final String AGENT = "@coding-agent";

    private final Plan plan = new Plan();

    @Test
    void success_deep_in_one_phase_readies_every_subtask_of_the_phases_that_require_it() {
        TaskKey p1 = key("P1");
        TaskKey p1t1 = key("P1-T1");
        TaskKey p1t1s1 = key("P1-T1-S1");
        TaskKey p2 = key("P2");
        TaskKey p2t1 = key("P2-T1");
        TaskKey p2t1s1 = key("P2-T1-S1");
        TaskKey p2t1s2 = key("P2-T1-S2");
        TaskKey p3 = key("P3");
        TaskKey p3t1 = key("P3-T1");
        TaskKey p3t1s1 = key("P3-T1-S1");
        TaskKey p3t2 = key("P3-T2");
        TaskKey p3t2s1 = key("P3-T2-S1");
        addAll(phase(p1), task(p1t1, p1), subtask(p1t1s1, p1t1),
                phase(p2, p1), task(p2t1, p2), subtask(p2t1s1, p2t1), subtask(p2t1s2, p2t1, p2t1s1),
                phase(p3), task(p3t1, p3, p1t1), subtask(p3t1s1, p3t1), task(p3t2, p3), subtask(p3t2s1, p3t2, p1t1s1));
        settle();
        plan.openAttempt(p1t1s1, 1, AGENT);
        settle();

        plan.changeStatus(p1t1s1, TaskStatus.SUCCEEDED);

        assertThat(settle()).containsExactly(
                new TaskBecameReady(PROJECT, p3t2s1),
                new TaskSucceeded(PROJECT, p1t1, SuccessBasis.CHILDREN_SUCCEEDED),
                new TaskBecameReady(PROJECT, p3t1),
                new TaskBecameReady(PROJECT, p3t1s1),
                new TaskSucceeded(PROJECT, p1, SuccessBasis.CHILDREN_SUCCEEDED),
                new TaskBecameReady(PROJECT, p2),
                new TaskBecameReady(PROJECT, p2t1),
                new TaskBecameReady(PROJECT, p2t1s1));
        assertThat(plan.require(p2t1s2).status()).as("still waits for its sibling").isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void the_last_subtask_rolls_up_through_its_task_and_phase_and_a_started_child_starts_both() {
        TaskKey p1 = key("P1");
        TaskKey t1 = key("P1-T1");
        TaskKey t1s1 = key("P1-T1-S1");
        TaskKey t2 = key("P1-T2");
        TaskKey t2s1 = key("P1-T2-S1");
        TaskKey t2s2 = key("P1-T2-S2");
        addAll(phase(p1), task(t1, p1), subtask(t1s1, t1), task(t2, p1), subtask(t2s1, t2), subtask(t2s2, t2));
        settle();

        plan.openAttempt(t2s2, 1, AGENT);
        assertThat(settle()).containsExactly(new ContainerStarted(PROJECT, t2), new ContainerStarted(PROJECT, p1));

        plan.changeStatus(t2s2, TaskStatus.SUCCEEDED);
        assertThat(settle()).isEmpty();
        plan.changeStatus(t2s1, TaskStatus.CANCELLED);
        assertThat(settle()).containsExactly(new TaskSucceeded(PROJECT, t2, SuccessBasis.CHILDREN_SUCCEEDED));
        plan.changeStatus(t1s1, TaskStatus.CANCELLED);
        assertThat(settle()).containsExactly(
                new TaskCancelled(PROJECT, t1, "every child of " + t1 + " was cancelled", null),
                new TaskSucceeded(PROJECT, p1, SuccessBasis.CHILDREN_SUCCEEDED));
    }

    @Test
    void a_prerequisite_added_to_a_phase_sends_its_ready_descendants_back_to_pending_and_its_removal_readies_them() {
        TaskKey p1 = key("P1");
        TaskKey p1t1 = key("P1-T1");
        TaskKey p2 = key("P2");
        TaskKey p2t1 = key("P2-T1");
        TaskKey p2t1s1 = key("P2-T1-S1");
        addAll(phase(p1), task(p1t1, p1), phase(p2), task(p2t1, p2), subtask(p2t1s1, p2t1));
        settle();

        plan.addPrerequisite(p2, p1t1);
        assertThat(settle()).containsExactly(
                new TaskBecamePending(PROJECT, p2, List.of(p1t1)),
                new TaskBecamePending(PROJECT, p2t1, List.of(p1t1)),
                new TaskBecamePending(PROJECT, p2t1s1, List.of(p1t1)));

        plan.removePrerequisite(p2, p1t1);
        assertThat(settle()).containsExactly(new TaskBecameReady(PROJECT, p2), new TaskBecameReady(PROJECT, p2t1),
                new TaskBecameReady(PROJECT, p2t1s1));
    }

    @Test
    void a_task_added_under_a_leaf_or_a_succeeded_container_and_one_named_as_a_prerequisite_are_seen() {
        TaskKey p1 = key("P1");
        TaskKey t1 = key("P1-T1");
        TaskKey t2 = key("P1-T2");
        addAll(phase(p1), task(t1, p1), task(t2, p1, t1));
        settle();

        TaskKey t1s1 = key("P1-T1-S1");
        plan.add(subtask(t1s1, t1));
        assertThat(settle()).containsExactly(new TaskBecameReady(PROJECT, t1s1));
        plan.changeStatus(t1s1, TaskStatus.SUCCEEDED);
        assertThat(settle()).containsExactly(new TaskSucceeded(PROJECT, t1, SuccessBasis.CHILDREN_SUCCEEDED),
                new TaskBecameReady(PROJECT, t2));

        TaskKey p2 = key("P2");
        plan.add(phase(p2, t2));
        assertThat(settle()).isEmpty();
        assertThat(plan.require(p2).status()).isEqualTo(TaskStatus.PENDING);
    }

    /**
     * Random plans (phases, tasks, subtasks, prerequisites on earlier tasks) and random changes: starts, reports,
     * escalations and their resolution, cancellations with their descendants, prerequisites added and removed, tasks
     * added. After every change each decision of the narrow walk is the full walk's.
     */
    @Test
    void every_decision_of_the_narrow_walk_is_the_full_walks_on_random_plans_and_changes() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            Plan randomPlan = new Plan();
            List<TaskState> all = new ArrayList<>();
            int phases = 1 + random.nextInt(4);
            for (int p = 1; p <= phases; p++) {
                TaskKey phaseKey = key("P" + p);
                addRandomly(randomPlan, all, random, phase(phaseKey, prerequisitesFor(randomPlan, all, null, random)));
                for (int t = 1, tasks = random.nextInt(4); t <= tasks; t++) {
                    TaskKey taskKey = key(phaseKey + "-T" + t);
                    addRandomly(randomPlan, all, random,
                            task(taskKey, phaseKey, prerequisitesFor(randomPlan, all, phaseKey, random)));
                    for (int s = 1, subtasks = random.nextInt(5); s <= subtasks; s++) {
                        addRandomly(randomPlan, all, random, subtask(key(taskKey + "-S" + s), taskKey,
                                prerequisitesFor(randomPlan, all, taskKey, random)));
                    }
                }
            }
            settleChecked(randomPlan, seed);
            for (int step = 0; step < 80; step++) {
                changeRandomly(randomPlan, all, random);
                settleChecked(randomPlan, seed);
            }
        }
    }

    private void addAll(TaskDefinition... definitions) {
        for (TaskDefinition definition : definitions) {
            plan.add(definition);
        }
    }

    private static TaskKey key(String text) {
        return TaskKey.of(text);
    }

    /** Applies what reconciliation calls for until the plan is settled, each decision checked against a full walk. */
    private List<TaskEvent> settle() {
        return settleChecked(plan, 0);
    }

    private static List<TaskEvent> settleChecked(Plan plan, long seed) {
        List<TaskEvent> applied = new ArrayList<>();
        while (true) {
            Optional<TaskEvent> fullWalk = plan.copy().nextReconciliation(PROJECT);
            Optional<TaskEvent> next = plan.nextReconciliation(PROJECT);
            assertThat(next).as("seed %d, after %s", seed, applied).isEqualTo(fullWalk);
            if (next.isEmpty()) {
                return applied;
            }
            applied.add(next.get());
            apply(plan, next.get());
            assertThat(applied).as("seed %d: reconciliation does not settle", seed).hasSizeLessThan(1000);
        }
    }

    /** What the aggregate's event-sourcing handlers do with the events reconciliation calls for. */
    private static void apply(Plan plan, TaskEvent event) {
        if (event instanceof TaskBecameReady ready) {
            plan.changeStatus(ready.taskKey(), TaskStatus.READY);
        } else if (event instanceof TaskBecamePending pending) {
            plan.changeStatus(pending.taskKey(), TaskStatus.PENDING);
        } else if (event instanceof ContainerStarted started) {
            plan.markContainerStarted(started.taskKey());
        } else if (event instanceof TaskSucceeded succeeded) {
            plan.changeStatus(succeeded.taskKey(), TaskStatus.SUCCEEDED);
        } else if (event instanceof TaskCancelled cancelled) {
            plan.require(cancelled.taskKey()).closeAttempt();
            plan.changeStatus(cancelled.taskKey(), TaskStatus.CANCELLED);
        } else {
            throw new IllegalArgumentException("reconciliation does not call for " + event);
        }
    }

    private static void addRandomly(Plan plan, List<TaskState> all, Random random, TaskDefinition definition) {
        plan.add(definition);
        all.add(plan.require(definition.key()));
    }

    /** Up to two earlier tasks that are not the parent's ancestors (nor the parent). */
    private static TaskKey[] prerequisitesFor(Plan plan, List<TaskState> all, TaskKey parent, Random random) {
        List<TaskKey> chosen = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0 && !all.isEmpty(); i--) {
            TaskState candidate = all.get(random.nextInt(all.size()));
            if (!chosen.contains(candidate.key()) && !isSelfOrAncestor(plan, candidate.key(), parent)) {
                chosen.add(candidate.key());
            }
        }
        return chosen.toArray(TaskKey[]::new);
    }

    private static boolean isSelfOrAncestor(Plan plan, TaskKey candidate, TaskKey of) {
        for (TaskKey key = of; key != null; key = plan.require(key).parent()) {
            if (key.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static void changeRandomly(Plan plan, List<TaskState> all, Random random) {
        TaskState task = all.get(random.nextInt(all.size()));
        TaskKey key = task.key();
        switch (random.nextInt(7)) {
            case 0, 1 -> {
                if (task.isLeaf() && task.status() == TaskStatus.READY) {
                    plan.openAttempt(key, task.attemptsOpened() + 1, AGENT);
                }
            }
            case 2 -> {
                if (task.isLeaf() && task.status() == TaskStatus.IN_PROGRESS) {
                    task.closeAttempt();
                    TaskStatus[] outcomes = {TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED, TaskStatus.READY,
                            TaskStatus.FAILED, TaskStatus.ESCALATED};
                    plan.changeStatus(key, outcomes[random.nextInt(outcomes.length)]);
                } else if (task.status() == TaskStatus.ESCALATED) {
                    TaskStatus[] decisions = {TaskStatus.READY, TaskStatus.SUCCEEDED, TaskStatus.CANCELLED};
                    plan.changeStatus(key, decisions[random.nextInt(decisions.length)]);
                }
            }
            case 3 -> {
                if (!task.isFinished() && random.nextInt(3) == 0) {
                    cancelWithDescendants(plan, task);
                }
            }
            case 4 -> {
                if (!task.isFinished() && !task.hasStarted()) {
                    TaskState prerequisite = all.get(random.nextInt(all.size()));
                    if (!task.prerequisites().contains(prerequisite.key())
                            && !isSelfOrAncestor(plan, prerequisite.key(), key)
                            && !isSelfOrAncestor(plan, key, prerequisite.key())) {
                        plan.addPrerequisite(key, prerequisite.key());
                    }
                }
            }
            case 5 -> {
                if (!task.isFinished() && !task.hasStarted() && !task.prerequisites().isEmpty()) {
                    plan.removePrerequisite(key, task.prerequisites().get(random.nextInt(task.prerequisites().size())));
                }
            }
            default -> {
                if (!task.isFinished() && task.level() != TaskLevel.SUBTASK) {
                    TaskKey child = key(key + "-N" + all.size());
                    addRandomly(plan, all, random, task.level() == TaskLevel.PHASE
                            ? task(child, key, prerequisitesFor(plan, all, key, random))
                            : subtask(child, key, prerequisitesFor(plan, all, key, random)));
                }
            }
        }
    }

    private static void cancelWithDescendants(Plan plan, TaskState task) {
        List<TaskState> cancelled = new ArrayList<>();
        cancelled.add(task);
        cancelled.addAll(plan.descendants(task));
        for (TaskState each : cancelled) {
            if (!each.isFinished()) {
                each.closeAttempt();
                plan.changeStatus(each.key(), TaskStatus.CANCELLED);
            }
        }
    }
}
