package io.taskledger.command.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;

import java.util.ArrayList;
import java.util.List;

import static io.taskledger.command.api.RequestFields.present;
import static io.taskledger.command.api.RequestFields.required;

/** The bodies of the command endpoints, each bound from JSON and checked with the field's path in its message. */
final class CommandRequests {

    private CommandRequests() {
    }

    record CreateProjectRequest(String key, String name, String description) {
    }

    /** One task added to a plan; {@code level} and {@code parent} place it. */
    record AddTaskRequest(
            String key,
            String level,
            String parent,
            String title,
            String description,
            String assignee,
            String priority,
            Integer maxRetries,
            String onFailure,
            String escalateTo,
            Integer timeoutMinutes,
            List<String> prerequisites,
            List<StepRequest> steps) implements TaskFieldsRequest {

        TaskDefinition toDefinition() {
            TaskLevel taskLevel = RequestFields.requiredEnum(TaskLevel.class, level, "level");
            TaskKey parentKey = RequestFields.optionalTaskKey(parent, "parent");
            return toDefinition(taskLevel, parentKey, "");
        }
    }

    record StartRequest(String agent) {
    }

    record ReportRequest(Integer attempt, String agent, List<ResultRequest> results) {
    }

    record ResultRequest(String criterion, Boolean passed, String evidence) {
    }

    record AssignRequest(String assignee) {
    }

    record CancelRequest(String reason) {
    }

    record ResolveRequest(String decision, String justification) {
    }

    record PrerequisiteRequest(String key) {
    }

    /**
     * The agent a start or report names: the given {@code agent}, or the caller when it is left out. Whether the
     * caller may act as that agent is decided once, by the aggregate ({@code ProjectAccess}): an agent works only its
     * own attempts.
     */
    static String actingAgent(String named, Caller caller) {
        return named == null || named.isBlank() ? caller.username() : named;
    }

    static List<CriterionResult> results(List<ResultRequest> results) {
        List<ResultRequest> given = present(results, "results");
        List<CriterionResult> converted = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String path = "results[" + i + "]";
            ResultRequest result = present(given.get(i), path);
            converted.add(new CriterionResult(required(result.criterion(), path + ".criterion"),
                    present(result.passed(), path + ".passed"), result.evidence()));
        }
        return converted;
    }
}
