package io.taskledger.projections.board;

import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.SuccessCriterion;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;

import java.util.Arrays;
import java.util.List;

/** Task definitions as a plan states them, with the defaults the domain gives. */
final class PlanFixtures {

    private PlanFixtures() {
    }

    static TaskDefinition phase(String key, String... prerequisites) {
        return definition(key, TaskLevel.PHASE, null, null, Priority.MEDIUM, 3, prerequisites);
    }

    static TaskDefinition task(String key, String parent, String... prerequisites) {
        return definition(key, TaskLevel.TASK, parent, null, Priority.MEDIUM, 3, prerequisites);
    }

    static TaskDefinition subtask(String key, String parent, String assignee, String... prerequisites) {
        return definition(key, TaskLevel.SUBTASK, parent, assignee, Priority.MEDIUM, 3, prerequisites);
    }

    static TaskDefinition definition(String key, TaskLevel level, String parent, String assignee, Priority priority,
                                     int maxRetries, String... prerequisites) {
        List<Step> steps = List.of(new Step(key + "-01", "do " + key, List.of(
                new SuccessCriterion(CriterionType.EXIT_CODE, "0"),
                new SuccessCriterion(CriterionType.FILE_EXISTS, "package.json"))));
        return new TaskDefinition(TaskKey.of(key), level, parent == null ? null : TaskKey.of(parent), "Title " + key,
                "Description of " + key, assignee, priority, maxRetries, FailurePolicy.ESCALATE_TO_HUMAN, "lead", 60,
                Arrays.stream(prerequisites).map(TaskKey::of).toList(), steps);
    }

    static List<TaskKey> keys(String... keys) {
        return Arrays.stream(keys).map(TaskKey::of).toList();
    }
}
