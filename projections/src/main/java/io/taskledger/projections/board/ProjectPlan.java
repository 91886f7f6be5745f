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

    private final Map<TaskKey, BoardTask> tasksByKey = new LinkedHashMap<>();

    /** @param tasks every task of the project, in plan order */
    ProjectPlan(List<BoardTask> tasks) {
        tasks.forEach(task -> tasksByKey.put(task.getKey(), task));
    }

    /**
     * The prerequisites of the task and of its ancestors that have not succeeded, its own first, each once: why a
     * PENDING task waits.
     */
    List<TaskKey> blockedBy(BoardTask task) {
        Set<TaskKey> blockers = new LinkedHashSet<>();
        for (BoardTask current = task; current != null; current = parentOf(current)) {
            for (TaskKey prerequisite : current.getPrerequisites()) {
                BoardTask required = tasksByKey.get(prerequisite);
                if (required == null || required.getStatus() != TaskStatus.SUCCEEDED) {
                    blockers.add(prerequisite);
                }
            }
        }
        return List.copyOf(blockers);
    }

    /** The task's direct children, in plan order. */
    List<TaskKey> childrenOf(BoardTask task) {
        return tasksByKey.values().stream()
                .filter(candidate -> task.getKey().equals(candidate.getParent()))
                .map(BoardTask::getKey)
                .toList();
    }

    private BoardTask parentOf(BoardTask task) {
        return task.getParent() == null ? null : tasksByKey.get(task.getParent());
    }
}
