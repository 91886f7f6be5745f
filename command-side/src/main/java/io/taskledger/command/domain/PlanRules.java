package io.taskledger.command.domain;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The structural rules of a plan: unique keys and nesting (rule 1), prerequisites (rule 2) and frozen structure
 * (rule 7). Checks try changes out on a copy of the plan and return every violation instead of throwing, so a plan
 * import can report them all at once.
 */
final class PlanRules {

    private PlanRules() {
    }

    /** Rules 1, 2 and 7 for tasks joining the plan in the given order; prerequisites may point forward. */
    static List<Violation> checkNewTasks(Plan plan, List<TaskDefinition> definitions) {
        List<Violation> violations = new ArrayList<>();
        Set<TaskKey> incomingKeys = definitions.stream().filter(Objects::nonNull).map(TaskDefinition::key)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Set<TaskKey> seen = new HashSet<>();
        Plan trial = plan.copy();
        List<TaskDefinition> placed = new ArrayList<>();
        for (int index = 0; index < definitions.size(); index++) {
            TaskDefinition definition = definitions.get(index);
            if (definition == null || definition.key() == null) {
                violations.add(new Violation(ErrorCode.INVALID_INPUT, "task #" + (index + 1) + " has no key"));
                continue;
            }
            List<Violation> found = new ArrayList<>(checkDefinition(definition));
            if (!seen.add(definition.key()) || plan.contains(definition.key())) {
                found.add(new Violation(ErrorCode.DUPLICATE_TASK_KEY,
                        "task key " + definition.key() + " is already used in this project"));
            } else {
                checkPlacement(trial, definition, seen).ifPresent(found::add);
            }
            if (found.isEmpty()) {
                trial.add(withoutPrerequisites(definition));
                placed.add(definition);
            }
            violations.addAll(found);
        }
        for (TaskDefinition definition : placed) {
            TaskState task = trial.require(definition.key());
            for (TaskKey prerequisite : definition.prerequisites()) {
                checkPrerequisite(trial, task, prerequisite, incomingKeys)
                        .ifPresentOrElse(violations::add, () -> task.addPrerequisite(prerequisite));
            }
        }
        trial.cycles().forEach(cycle -> violations.add(cycleViolation(cycle)));
        return violations;
    }

    /** Rules 2 and 7 for one prerequisite added to an existing task. */
    static List<Violation> checkNewPrerequisite(Plan plan, TaskState task, TaskKey prerequisite) {
        Optional<Violation> frozen = frozenStructure(task, task.key() + " cannot get a new prerequisite");
        if (frozen.isPresent()) {
            return List.of(frozen.get());
        }
        Plan trial = plan.copy();
        TaskState trialTask = trial.require(task.key());
        Optional<Violation> invalid = checkPrerequisite(trial, trialTask, prerequisite, Set.of());
        if (invalid.isPresent()) {
            return List.of(invalid.get());
        }
        trialTask.addPrerequisite(prerequisite);
        return trial.cycles().stream().map(PlanRules::cycleViolation).toList();
    }

    /** Rule 7 for dropping one of a task's prerequisites; dropping one it does not have would do nothing. */
    static List<Violation> checkPrerequisiteRemoval(TaskState task, TaskKey prerequisite) {
        if (!task.prerequisites().contains(prerequisite)) {
            return List.of(new Violation(ErrorCode.INVALID_PREREQUISITE,
                    task.key() + " does not require " + prerequisite));
        }
        return frozenStructure(task, "prerequisite " + prerequisite + " of " + task.key() + " cannot be removed")
                .map(List::of).orElse(List.of());
    }

    /** Rule 7: structure changes only on tasks that never started, and never on finished ones. */
    static Optional<Violation> frozenStructure(TaskState task, String refused) {
        if (task.isFinished()) {
            return Optional.of(new Violation(ErrorCode.TASK_FINISHED,
                    refused + ": " + task.key() + " is " + task.status() + " and finished tasks do not change"));
        }
        if (task.hasStarted()) {
            return Optional.of(new Violation(ErrorCode.STRUCTURE_FROZEN,
                    refused + ": " + task.key() + " has started, so its structure is frozen"));
        }
        return Optional.empty();
    }

    /** Fields a task needs whatever its place: a title, sane numbers, uniquely keyed steps. */
    private static List<Violation> checkDefinition(TaskDefinition definition) {
        List<String> problems = new ArrayList<>();
        if (definition.level() == null) {
            problems.add("level is required");
        }
        if (definition.title() == null || definition.title().isBlank()) {
            problems.add("title is required");
        }
        if (definition.maxRetries() < 0) {
            problems.add("maxRetries must not be negative");
        }
        if (definition.timeoutMinutes() < 1) {
            problems.add("timeoutMinutes must be at least 1");
        }
        Set<String> stepKeys = new HashSet<>();
        for (Step step : definition.steps()) {
            if (!TaskKey.isValid(step.key())) {
                problems.add("step key '" + step.key() + "' must match " + TaskKey.FORMAT.pattern());
            } else if (!stepKeys.add(step.key())) {
                problems.add("step key " + step.key() + " is used twice");
            }
            if (step.successCriteria().stream().anyMatch(criterion -> criterion == null || criterion.type() == null)) {
                problems.add("every success criterion of step " + step.key() + " needs a type");
            }
        }
        return problems.stream()
                .map(problem -> new Violation(ErrorCode.INVALID_INPUT, "task " + definition.key() + ": " + problem))
                .toList();
    }

    /** Rule 1: a phase is top-level, a task sits under a phase, a subtask under a task; rule 7 for the parent. */
    private static Optional<Violation> checkPlacement(Plan trial, TaskDefinition definition, Set<TaskKey> seen) {
        TaskKey key = definition.key();
        TaskLevel level = definition.level();
        if (level == null) {
            return Optional.empty();
        }
        TaskLevel parentLevel = level.parentLevel();
        if (parentLevel == null) {
            return definition.parent() == null ? Optional.empty() : hierarchy(
                    "phase " + key + " cannot have a parent (" + definition.parent() + "): phases are top-level");
        }
        if (definition.parent() == null) {
            return hierarchy(level + " " + key + " needs a parent " + parentLevel);
        }
        if (definition.parent().equals(key)) {
            return hierarchy(key + " cannot be its own parent");
        }
        Optional<TaskState> parent = trial.find(definition.parent());
        if (parent.isEmpty()) {
            // A parent seen earlier in the same plan but refused has been reported already.
            return seen.contains(definition.parent()) ? Optional.empty() : hierarchy(
                    "parent " + definition.parent() + " of " + key + " does not exist before it in the plan");
        }
        if (parent.get().level() != parentLevel) {
            return hierarchy(level + " " + key + " must sit under a " + parentLevel + ", but "
                    + definition.parent() + " is a " + parent.get().level());
        }
        return frozenStructure(parent.get(), key + " cannot be added under " + definition.parent());
    }

    private static Optional<Violation> hierarchy(String message) {
        return Optional.of(new Violation(ErrorCode.INVALID_HIERARCHY, message));
    }

    /** Rule 2 for one prerequisite of a task, except cycles, which only the whole graph shows. */
    private static Optional<Violation> checkPrerequisite(Plan trial, TaskState task, TaskKey prerequisite,
                                                         Set<TaskKey> incomingKeys) {
        String refused = task.key() + " cannot require " + prerequisite;
        if (prerequisite == null) {
            return invalidPrerequisite(task.key() + " names an empty prerequisite");
        }
        Optional<TaskState> required = trial.find(prerequisite);
        if (required.isEmpty()) {
            // A task of the same plan that was refused has been reported already.
            return incomingKeys.contains(prerequisite) ? Optional.empty()
                    : invalidPrerequisite(refused + ": there is no task " + prerequisite + " in this project");
        }
        if (prerequisite.equals(task.key())) {
            return invalidPrerequisite(task.key() + " cannot require itself");
        }
        if (trial.isAncestorOf(required.get(), task)) {
            return invalidPrerequisite(refused + ": " + prerequisite + " is its ancestor");
        }
        if (trial.isAncestorOf(task, required.get())) {
            return invalidPrerequisite(refused + ": " + prerequisite + " is its descendant");
        }
        if (required.get().status() == TaskStatus.CANCELLED) {
            return invalidPrerequisite(refused + ": " + prerequisite + " is CANCELLED");
        }
        if (task.prerequisites().contains(prerequisite)) {
            return invalidPrerequisite(task.key() + " already requires " + prerequisite);
        }
        return Optional.empty();
    }

    private static Optional<Violation> invalidPrerequisite(String message) {
        return Optional.of(new Violation(ErrorCode.INVALID_PREREQUISITE, message));
    }

    private static Violation cycleViolation(List<TaskKey> cycle) {
        String path = cycle.stream().map(TaskKey::value).collect(Collectors.joining(" waits for "));
        return new Violation(ErrorCode.PREREQUISITE_CYCLE, "prerequisites would form a cycle: " + path);
    }

    private static TaskDefinition withoutPrerequisites(TaskDefinition definition) {
        return new TaskDefinition(definition.key(), definition.level(), definition.parent(), definition.title(),
                definition.description(), definition.assignee(), definition.priority(), definition.maxRetries(),
                definition.onFailure(), definition.escalateTo(), definition.timeoutMinutes(), List.of(),
                definition.steps());
    }
}
