package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

import java.util.List;

/** A task with everything the plan says about it and every attempt made; the row fields as in {@link TaskRow}. */
public record TaskDetails(
        ProjectId projectId,
        TaskKey key,
        TaskLevel level,
        TaskKey parent,
        String title,
        String description,
        TaskStatus status,
        String assignee,
        Priority priority,
        int attempts,
        int maxRetries,
        FailurePolicy onFailure,
        String escalateTo,
        int timeoutMinutes,
        List<TaskKey> prerequisites,
        List<TaskKey> blockedBy,
        List<TaskKey> children,
        int position,
        List<StepView> steps,
        List<AttemptView> attemptHistory) {

    public record StepView(String key, String description, List<CriterionView> criteria) {
    }

    public record CriterionView(String name, CriterionType type, String expected) {
    }
}
