package io.taskledger.api.plan;

import io.taskledger.api.ids.TaskKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a plan says about one task: where it sits, who works it, what it waits for and how success is judged.
 * Commands carry it to add tasks; {@code TaskAdded} records it.
 *
 * @param parent         the enclosing phase or task; null for a phase
 * @param assignee       the agent or person expected to work it; null when anyone may claim it
 * @param maxRetries     retries after the first attempt
 * @param escalateTo     who the escalation inbox names; informational
 * @param timeoutMinutes the lease of one attempt
 */
public record TaskDefinition(
        TaskKey key,
        TaskLevel level,
        TaskKey parent,
        String title,
        String description,
        String assignee,
        Priority priority,
        int maxRetries,
        FailurePolicy onFailure,
        String escalateTo,
        int timeoutMinutes,
        List<TaskKey> prerequisites,
        List<Step> steps) {

    public static final Priority DEFAULT_PRIORITY = Priority.MEDIUM;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final FailurePolicy DEFAULT_ON_FAILURE = FailurePolicy.ESCALATE_TO_HUMAN;
    public static final int DEFAULT_TIMEOUT_MINUTES = 60;

    public TaskDefinition {
        prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** Every criterion name of this task, in step order. */
    public List<String> criterionNames() {
        List<String> names = new ArrayList<>();
        steps.forEach(step -> names.addAll(step.criterionNames()));
        return names;
    }
}
