package io.taskledger.projections.board;

import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.TaskStatus;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every task of one project, loaded at once, to answer what depends on the rest of the plan. */
final class ProjectPlan {

    private final Map<TaskKey, TaskOutline> tasksByKey = new LinkedHashMap<>();

    /** @param tasks every task of the project, in plan order */
    ProjectPlan(List<TaskOutline> tasks) {
        tasks.forEach(task -> tasksByKey.put(task.key(), task));
    }

    /**
     * The prerequisites of the task and of its ancestors that have not succeeded, its own first, each once: why a
     * PENDING task waits.
     */
    List<TaskKey> blockedBy(TaskKey key) {
        Set<TaskKey> blockers = new LinkedHashSet<>();
        for (TaskOutline current = tasksByKey.get(key); current != null; current = parentOf(current)) {
            for (TaskKey prerequisite : current.prerequisites()) {
                TaskOutline required = tasksByKey.get(prerequisite);
                if (required == null || required.status() != TaskStatus.SUCCEEDED) {
                    blockers.add(prerequisite);
                }
            }
        }
        return List.copyOf(blockers);
    }

    /** The task's direct children, in plan order. */
    List<TaskKey> childrenOf(TaskKey key) {
        return tasksByKey.values().stream()
                .filter(candidate -> key.equals(candidate.parent()))
                .map(TaskOutline::key)
                .toList();
    }

    private TaskOutline parentOf(TaskOutline task) {
        return task.parent() == null ? null : tasksByKey.get(task.parent());
    }
}
