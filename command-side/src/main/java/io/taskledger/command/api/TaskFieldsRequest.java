package io.taskledger.command.api;

import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.SuccessCriterion;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.ids.TaskKey;

import java.util.ArrayList;
import java.util.List;

import static io.taskledger.command.api.RequestFields.atLeast;
import static io.taskledger.command.api.RequestFields.enumValue;
import static io.taskledger.command.api.RequestFields.field;
import static io.taskledger.command.api.RequestFields.required;
import static io.taskledger.command.api.RequestFields.taskKey;
import static io.taskledger.command.api.RequestFields.taskKeys;

/**
 * The fields of a task that a plan import and a single added task share; both request records implement it, so one
 * method turns either into a {@link TaskDefinition} with the plan's defaults filled in.
 */
interface TaskFieldsRequest {

    String key();

    String title();

    String description();

    String assignee();

    String priority();

    Integer maxRetries();

    String onFailure();

    String escalateTo();

    Integer timeoutMinutes();

    List<String> prerequisites();

    List<StepRequest> steps();

    /** A step of a task and the criteria that tell whether it was done. */
    record StepRequest(String key, String description, List<CriterionRequest> successCriteria) {
    }

    record CriterionRequest(String type, String expected) {
    }

    /** @param path where these fields sit in the request body; empty at its top level */
    default TaskDefinition toDefinition(TaskLevel level, TaskKey parent, String path) {
        return new TaskDefinition(
                taskKey(key(), field(path, "key")),
                level,
                parent,
                required(title(), field(path, "title")),
                description(),
                blankAsNull(assignee()),
                enumValue(Priority.class, priority(), TaskDefinition.DEFAULT_PRIORITY, field(path, "priority")),
                atLeast(maxRetries(), 0, TaskDefinition.DEFAULT_MAX_RETRIES, field(path, "maxRetries")),
                enumValue(FailurePolicy.class, onFailure(), TaskDefinition.DEFAULT_ON_FAILURE,
                        field(path, "onFailure")),
                blankAsNull(escalateTo()),
                atLeast(timeoutMinutes(), 1, TaskDefinition.DEFAULT_TIMEOUT_MINUTES, field(path, "timeoutMinutes")),
                taskKeys(prerequisites(), field(path, "prerequisites")),
                toSteps(field(path, "steps")));
    }

    private List<Step> toSteps(String path) {
        List<Step> steps = new ArrayList<>();
        List<StepRequest> given = steps() == null ? List.of() : steps();
        for (int i = 0; i < given.size(); i++) {
            String stepPath = path + "[" + i + "]";
            StepRequest step = RequestFields.present(given.get(i), stepPath);
            List<SuccessCriterion> criteria = new ArrayList<>();
            List<CriterionRequest> givenCriteria = step.successCriteria() == null ? List.of() : step.successCriteria();
            for (int c = 0; c < givenCriteria.size(); c++) {
                String criterionPath = stepPath + ".successCriteria[" + c + "]";
                CriterionRequest criterion = RequestFields.present(givenCriteria.get(c), criterionPath);
                criteria.add(new SuccessCriterion(
                        RequestFields.requiredEnum(CriterionType.class, criterion.type(), criterionPath + ".type"),
                        criterion.expected()));
            }
            steps.add(new Step(taskKey(step.key(), stepPath + ".key").value(), step.description(), criteria));
        }
        return steps;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
