package io.taskledger.command.api;

import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole plan as planners write it: phases holding tasks holding subtasks. It is flattened in plan order, parents
 * before children, each child taking its level and parent from where it sits. Public because a plan file loaded at
 * start ({@code taskledger.seed}) is this same body.
 */
public record PlanRequest(List<PlanItem> phases) {

    /** A phase, task or subtask; a phase lists {@code tasks}, a task lists {@code subtasks}. */
    record PlanItem(
            String key,
            String title,
            String description,
            String assignee,
            String priority,
            Integer maxRetries,
            String onFailure,
            String escalateTo,
            Integer timeoutMinutes,
            List<String> prerequisites,
            List<StepRequest> steps,
            List<PlanItem> tasks,
            List<PlanItem> subtasks) implements TaskFieldsRequest {
    }

    public List<TaskDefinition> toDefinitions() {
        List<TaskDefinition> definitions = new ArrayList<>();
        List<PlanItem> given = RequestFields.present(phases, "phases");
        if (given.isEmpty()) {
            throw RequestFields.invalid("phases", "must list at least one phase");
        }
        flatten(given, TaskLevel.PHASE, null, "phases", definitions);
        return definitions;
    }

    private static void flatten(List<PlanItem> items, TaskLevel level, TaskKey parent, String path,
                                List<TaskDefinition> definitions) {
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            PlanItem item = RequestFields.present(items.get(i), itemPath);
            TaskDefinition definition = item.toDefinition(level, parent, itemPath);
            definitions.add(definition);
            List<PlanItem> children = childrenOf(item, level, itemPath);
            if (!children.isEmpty()) {
                String childField = level == TaskLevel.PHASE ? ".tasks" : ".subtasks";
                flatten(children, childLevel(level), definition.key(), itemPath + childField, definitions);
            }
        }
    }

    /** A phase's children are under {@code tasks}, a task's under {@code subtasks}; a subtask has none. */
    private static List<PlanItem> childrenOf(PlanItem item, TaskLevel level, String path) {
        List<PlanItem> tasks = item.tasks() == null ? List.of() : item.tasks();
        List<PlanItem> subtasks = item.subtasks() == null ? List.of() : item.subtasks();
        return switch (level) {
            case PHASE -> {
                if (!subtasks.isEmpty()) {
                    throw RequestFields.invalid(path + ".subtasks", "is not allowed: a phase lists its tasks");
                }
                yield tasks;
            }
            case TASK -> {
                if (!tasks.isEmpty()) {
                    throw RequestFields.invalid(path + ".tasks", "is not allowed: a task lists its subtasks");
                }
                yield subtasks;
            }
            case SUBTASK -> {
                if (!tasks.isEmpty() || !subtasks.isEmpty()) {
                    throw RequestFields.invalid(path, "is a subtask and cannot have children");
                }
                yield List.of();
            }
        };
    }

    private static TaskLevel childLevel(TaskLevel level) {
        return level == TaskLevel.PHASE ? TaskLevel.TASK : TaskLevel.SUBTASK;
    }
}
