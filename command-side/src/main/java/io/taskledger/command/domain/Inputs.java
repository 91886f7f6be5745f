package io.taskledger.command.domain;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.plan.TaskDefinition;

/** Checks and defaults for command fields, so the aggregate stays sound whichever API sent the command. */
final class Inputs {

    private Inputs() {
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, field + " is required");
        }
        return value;
    }

    /** The plan's defaults for what a definition leaves out, so TaskAdded records the effective values. */
    static TaskDefinition withDefaults(TaskDefinition task) {
        if (task == null || task.priority() != null && task.onFailure() != null) {
            return task;
        }
        return new TaskDefinition(task.key(), task.level(), task.parent(), task.title(), task.description(),
                task.assignee(), task.priority() == null ? TaskDefinition.DEFAULT_PRIORITY : task.priority(),
                task.maxRetries(), task.onFailure() == null ? TaskDefinition.DEFAULT_ON_FAILURE : task.onFailure(),
                task.escalateTo(), task.timeoutMinutes(), task.prerequisites(), task.steps());
    }
}
