package io.taskledger.command.api;

import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;

import java.util.List;

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
}
