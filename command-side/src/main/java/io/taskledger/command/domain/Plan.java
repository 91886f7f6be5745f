package io.taskledger.command.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.TaskBecamePending;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskCancelled;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
        return key == null ? Optional.empty() : Optional.ofNullable(tasks.get(key.value()));
    }

    TaskState require(TaskKey key) {
        return find(key).orElseThrow(() -> new TaskledgerException(ErrorCode.TASK_NOT_FOUND,
                "there is no task " + key + " in this project"));
    }

    void add(TaskDefinition definition) {
        tasks.put(definition.key().value(), new TaskState(definition));
        find(definition.parent()).ifPresent(parent -> parent.addChild(definition.key()));
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

    /** {@code blockers(task).isEmpty()}, without building the list: it is asked for every task on every command. */
    private boolean isUnblocked(TaskState task) {
        for (TaskState waiting = task; waiting != null; waiting = find(waiting.parent()).orElse(null)) {
            for (TaskKey prerequisite : waiting.prerequisites()) {
                if (require(prerequisite).status() != TaskStatus.SUCCEEDED) {
                    return false;
                }
            }
        }
        return true;
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
     */
    Optional<Object> nextReconciliation(ProjectId projectId) {
        for (TaskState task : tasks.values()) {
            if (task.status() == TaskStatus.PENDING && isUnblocked(task)) {
                return Optional.of(new TaskBecameReady(projectId, task.key()));
            }
        }
        for (TaskState task : tasks.values()) {
            if (task.status() == TaskStatus.READY && !isUnblocked(task)) {
                return Optional.of(new TaskBecamePending(projectId, task.key(), blockers(task)));
            }
        }
        for (TaskState container : tasks.values()) {
            if (!container.isLeaf()
                    && (container.status() == TaskStatus.PENDING || container.status() == TaskStatus.READY)
                    && container.children().stream().map(this::require).anyMatch(TaskState::hasStarted)) {
                return Optional.of(new ContainerStarted(projectId, container.key()));
            }
        }
        for (TaskState container : tasks.values()) {
            Optional<Object> rollUp = container.isLeaf() ? Optional.empty() : rollUp(projectId, container);
            if (rollUp.isPresent()) {
                return rollUp;
            }
        }
        return Optional.empty();
    }

    private Optional<Object> rollUp(ProjectId projectId, TaskState container) {
        if (container.isFinished()) {
            return Optional.empty();
        }
        boolean allCancelled = true;
        boolean allSucceededOrCancelled = true;
        for (TaskKey child : container.children()) {
            TaskStatus status = require(child).status();
            allCancelled &= status == TaskStatus.CANCELLED;
            allSucceededOrCancelled &= status == TaskStatus.SUCCEEDED || status == TaskStatus.CANCELLED;
        }
        if (allCancelled) {
            return Optional.of(new TaskCancelled(projectId, container.key(),
                    "every child of " + container.key() + " was cancelled", null));
        }
        if (allSucceededOrCancelled) {
            return Optional.of(new TaskSucceeded(projectId, container.key(), SuccessBasis.CHILDREN_SUCCEEDED));
        }
        return Optional.empty();
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
