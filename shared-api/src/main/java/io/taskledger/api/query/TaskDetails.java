package io.taskledger.api.query;

import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.ids.TaskKey;

import java.util.List;

/** A task with everything the plan says about it and every attempt made. */
public record TaskDetails(
        TaskRow task,
        String description,
        FailurePolicy onFailure,
        String escalateTo,
        int timeoutMinutes,
        List<TaskKey> prerequisites,
        List<StepView> steps,
        List<AttemptView> attempts) {

    public record StepView(String key, String description, List<CriterionView> criteria) {
    }

    public record CriterionView(String name, CriterionType type, String expected) {
    }
}
