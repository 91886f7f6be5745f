package io.taskledger.command.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.TaskBecamePending;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskEvent;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every task of a project in plan order, the structure between them (parents, children, prerequisites) and the
 * reconciliation of readiness and roll-ups (docs/domain.md, "Statuses").
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class Plan {

    /** Keyed by the task key's text; a LinkedHashMap keeps plan order. */
    private Map<String, TaskState> tasks = new LinkedHashMap<>();

    /*
     * Reconciliation's index: derived from the tasks, never serialized, built on the first reconciliation after the
     * plan was loaded (from events or a snapshot) and then kept up to date by the changes below.
     */
    /** The tasks by plan position; null until indexed. */
    private transient List<TaskState> inPlanOrder;
    /** By a task key's text: the tasks that name it as a prerequisite. */
    private transient Map<String, List<TaskState>> dependents;
    /**
     * The plan positions of the tasks for which reconciliation may be due. Every other task is known to call for
     * none: a change marks every task whose reconciliation it can affect, and a task looked at and found settled is
     * unmarked. Right after indexing every task is marked, so the first reconciliation looks at the whole plan.
     */
    private transient BitSet unsettled;

    Plan copy() {
        Plan copy = new Plan();
        tasks.forEach((key, task) -> copy.tasks.put(key, task.copy()));
        return copy;
    }

    int size() {
        return tasks.size();
    }

    boolean contains(TaskKey key) {
        return key != null && tasks.containsKey(key.value());
    }

    Optional<TaskState> find(TaskKey key) {
        return Optional.ofNullable(get(key));
    }

    /** The task; reconciliation's hot loops call it, so it allocates nothing when the task is there. */
    TaskState require(TaskKey key) {
        TaskState task = get(key);
        if (task == null) {
            throw new TaskledgerException(ErrorCode.TASK_NOT_FOUND, "there is no task " + key + " in this project");
        }
        return task;
    }

    void add(TaskDefinition definition) {
        TaskState task = new TaskState(definition);
        TaskState replaced = tasks.put(definition.key().value(), task);
        TaskState parent = get(definition.parent());
        if (parent != null) {
            parent.addChild(definition.key());
        }
        if (replaced != null) {
            inPlanOrder = null;  // the rules never let a key be added twice; should it happen, index anew
        } else if (isIndexed()) {
            index(task);
            unsettled.set(task.position());
            if (parent != null) {
                unsettled.set(parent.position());  // a leaf until now, or one child more to roll up
            }
            markDependentsOf(task);
        }
    }

    /*
     * The changes of state that reconciliation depends on. The aggregate's event-sourcing handlers make them here, so
     * that each marks the tasks whose reconciliation it can affect: the task itself, its parent (whose start and
     * roll-up follow its children) and, when the task starts or stops counting as succeeded, every task that requires
     * it, with their descendants (a task waits for its ancestors' prerequisites too).
     */

    void changeStatus(TaskKey key, TaskStatus status) {
        TaskState task = require(key);
        boolean wasSucceeded = task.status() == TaskStatus.SUCCEEDED;
        task.changeStatus(status);
        statusChanged(task, wasSucceeded);
    }

    void openAttempt(TaskKey key, int attempt, String agent) {
        TaskState task = require(key);
        boolean wasSucceeded = task.status() == TaskStatus.SUCCEEDED;
        task.openAttempt(attempt, agent);
        statusChanged(task, wasSucceeded);
    }

    void markContainerStarted(TaskKey key) {
        TaskState task = require(key);
        boolean wasSucceeded = task.status() == TaskStatus.SUCCEEDED;
        task.markContainerStarted();
        statusChanged(task, wasSucceeded);
    }

    void addPrerequisite(TaskKey key, TaskKey prerequisite) {
        TaskState task = require(key);
        task.addPrerequisite(prerequisite);
        if (isIndexed()) {
            dependents.computeIfAbsent(prerequisite.value(), any -> new ArrayList<>(2)).add(task);
            markWithDescendants(task);
        }
    }

    void removePrerequisite(TaskKey key, TaskKey prerequisite) {
        TaskState task = require(key);
        task.removePrerequisite(prerequisite);
        if (isIndexed()) {
            List<TaskState> requiring = dependents.get(prerequisite.value());
            if (requiring != null) {
                requiring.remove(task);
            }
            markWithDescendants(task);
        }
    }

    private void statusChanged(TaskState task, boolean wasSucceeded) {
        if (!isIndexed()) {
            return;
        }
        unsettled.set(task.position());
        TaskState parent = get(task.parent());
        if (parent != null) {
            unsettled.set(parent.position());
        }
        if (wasSucceeded != (task.status() == TaskStatus.SUCCEEDED)) {
            markDependentsOf(task);
        }
    }

    private void markDependentsOf(TaskState task) {
        List<TaskState> requiring = dependents.get(task.key().value());
        if (requiring != null) {
            for (int i = 0; i < requiring.size(); i++) {
                markWithDescendants(requiring.get(i));
            }
        }
    }

    private void markWithDescendants(TaskState task) {
        unsettled.set(task.position());
        List<TaskKey> children = task.children();
        for (int i = 0; i < children.size(); i++) {
            markWithDescendants(require(children.get(i)));
        }
    }

    private boolean isIndexed() {
        return inPlanOrder != null;
    }

    /** Builds reconciliation's index from the tasks, every task marked unsettled. */
    private void indexAll() {
        inPlanOrder = new ArrayList<>(tasks.size());
        dependents = new HashMap<>();
        tasks.values().forEach(this::index);
        unsettled = new BitSet(inPlanOrder.size());
        unsettled.set(0, inPlanOrder.size());
    }

    private void index(TaskState task) {
        task.placeAt(inPlanOrder.size());
        inPlanOrder.add(task);
        List<TaskKey> prerequisites = task.prerequisites();
        for (int i = 0; i < prerequisites.size(); i++) {
            dependents.computeIfAbsent(prerequisites.get(i).value(), any -> new ArrayList<>(2)).add(task);
        }
    }

    /** Parent first, up to the phase. */
    List<TaskState> ancestors(TaskState task) {
        List<TaskState> ancestors = new ArrayList<>();
        Optional<TaskState> parent = find(task.parent());
        while (parent.isPresent()) {
            ancestors.add(parent.get());
            parent = find(parent.get().parent());
        }
        return ancestors;
    }

    /** Children before grandchildren, each generation in plan order. */
    List<TaskState> descendants(TaskState task) {
        List<TaskState> descendants = new ArrayList<>();
        Deque<TaskKey> toVisit = new ArrayDeque<>(task.children());
        while (!toVisit.isEmpty()) {
            TaskState child = require(toVisit.removeFirst());
            descendants.add(child);
            toVisit.addAll(child.children());
        }
        return descendants;
    }

    boolean isAncestorOf(TaskState candidate, TaskState task) {
        return ancestors(task).stream().anyMatch(ancestor -> ancestor.key().equals(candidate.key()));
    }

    /** The prerequisites, its own and its ancestors', that have not succeeded: why a task waits. */
    List<TaskKey> blockers(TaskState task) {
        Set<TaskKey> blockers = new LinkedHashSet<>();
        List<TaskState> chain = new ArrayList<>();
        chain.add(task);
        chain.addAll(ancestors(task));
        for (TaskState waiting : chain) {
            for (TaskKey prerequisite : waiting.prerequisites()) {
                if (require(prerequisite).status() != TaskStatus.SUCCEEDED) {
                    blockers.add(prerequisite);
                }
            }
        }
        return List.copyOf(blockers);
    }

    /**
     * {@code blockers(task).isEmpty()}, without building the list, an iterator or an Optional: it is asked for every
     * waiting task on every command.
     */
    private boolean isUnblocked(TaskState task) {
        for (TaskState waiting = task; waiting != null; waiting = get(waiting.parent())) {
            List<TaskKey> prerequisites = waiting.prerequisites();
            for (int i = 0; i < prerequisites.size(); i++) {
                if (require(prerequisites.get(i)).status() != TaskStatus.SUCCEEDED) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The task, or null: {@link #find} for the hot paths. */
    private TaskState get(TaskKey key) {
        return key == null ? null : tasks.get(key.value());
    }

    /**
     * What a task waits for before it can succeed: its prerequisites, its ancestors' prerequisites (it cannot start
     * before them) and its children (a container succeeds through them).
     */
    private Set<TaskKey> waitsFor(TaskState task) {
        Set<TaskKey> waitsFor = new LinkedHashSet<>(task.prerequisites());
        ancestors(task).forEach(ancestor -> waitsFor.addAll(ancestor.prerequisites()));
        waitsFor.addAll(task.children());
        return waitsFor;
    }

    /** Every cycle of waiting (rule 2), each as the path of keys from a task back to itself. */
    List<List<TaskKey>> cycles() {
        List<List<TaskKey>> cycles = new ArrayList<>();
        Set<TaskKey> done = new HashSet<>();
        for (TaskState task : tasks.values()) {
            findCycles(task.key(), new ArrayList<>(), done, cycles);
        }
        return cycles;
    }

    private void findCycles(TaskKey key, List<TaskKey> path, Set<TaskKey> done, List<List<TaskKey>> cycles) {
        if (done.contains(key)) {
            return;
        }
        int onPath = path.indexOf(key);
        if (onPath >= 0) {
            List<TaskKey> cycle = new ArrayList<>(path.subList(onPath, path.size()));
            cycle.add(key);
            cycles.add(cycle);
            return;
        }
        path.add(key);
        for (TaskKey next : waitsFor(require(key))) {
            findCycles(next, path, done, cycles);
        }
        path.remove(path.size() - 1);
        done.add(key);
    }

    /**
     * The next event reconciliation calls for, or empty when the plan is settled. The aggregate applies it and asks
     * again, so one change can ripple up the tree and on to dependents within one unit of work.
     *
     * <p>In this order, each the first in plan order: a PENDING task no longer blocked becomes READY; a READY task
     * blocked again becomes PENDING; a container with a started child starts; a container rolls up. Only the tasks
     * marked unsettled are looked at, in plan order (the others call for nothing, see {@link #unsettled}), so a
     * command that changes one subtask looks at that subtask, its parent and whatever requires it, not at the whole
     * plan; the decisions are those of a walk over every task.
     */
    Optional<TaskEvent> nextReconciliation(ProjectId projectId) {
        if (!isIndexed()) {
            indexAll();
        }
        TaskState blockedAgain = null;
        TaskState containerToStart = null;
        TaskEvent rollUp = null;
        for (int position = unsettled.nextSetBit(0); position >= 0; position = unsettled.nextSetBit(position + 1)) {
            TaskState task = inPlanOrder.get(position);
            TaskStatus status = task.status();
            if (status == TaskStatus.PENDING && isUnblocked(task)) {
                return Optional.of(new TaskBecameReady(projectId, task.key()));
            }
            boolean due = false;
            if (status == TaskStatus.READY && !isUnblocked(task)) {
                due = true;
                if (blockedAgain == null) {
                    blockedAgain = task;
                }
            }
            if (!task.isLeaf()) {
                if ((status == TaskStatus.PENDING || status == TaskStatus.READY) && hasStartedChild(task)) {
                    due = true;
                    if (containerToStart == null) {
                        containerToStart = task;
                    }
                }
                TaskEvent taskRollUp = rollUp(projectId, task);
                if (taskRollUp != null) {
                    due = true;
                    if (rollUp == null) {
                        rollUp = taskRollUp;
                    }
                }
            }
            if (!due) {
                unsettled.clear(position);
            }
        }
        if (blockedAgain != null) {
            return Optional.of(new TaskBecamePending(projectId, blockedAgain.key(), blockers(blockedAgain)));
        }
        if (containerToStart != null) {
            return Optional.of(new ContainerStarted(projectId, containerToStart.key()));
        }
        return Optional.ofNullable(rollUp);
    }

    private boolean hasStartedChild(TaskState container) {
        List<TaskKey> children = container.children();
        for (int i = 0; i < children.size(); i++) {
            if (require(children.get(i)).hasStarted()) {
                return true;
            }
        }
        return false;
    }

    /** The roll-up a container's children call for ({@link TaskCancelled} or {@link TaskSucceeded}), or null. */
    private TaskEvent rollUp(ProjectId projectId, TaskState container) {
        if (container.isFinished()) {
            return null;
        }
        boolean allCancelled = true;
        boolean allSucceededOrCancelled = true;
        List<TaskKey> children = container.children();
        for (int i = 0; i < children.size() && allSucceededOrCancelled; i++) {
            TaskStatus status = require(children.get(i)).status();
            allCancelled &= status == TaskStatus.CANCELLED;
            allSucceededOrCancelled &= status == TaskStatus.SUCCEEDED || status == TaskStatus.CANCELLED;
        }
        if (allCancelled) {
            return new TaskCancelled(projectId, container.key(), "every child of " + container.key()
                    + " was cancelled", null);
        }
        if (allSucceededOrCancelled) {
            return new TaskSucceeded(projectId, container.key(), SuccessBasis.CHILDREN_SUCCEEDED);
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Plan that && tasks.equals(that.tasks);
    }

    @Override
    public int hashCode() {
        return tasks.hashCode();
    }

    @Override
    public String toString() {
        return tasks.values().toString();
    }
}
