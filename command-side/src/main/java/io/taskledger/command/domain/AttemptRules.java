package io.taskledger.command.domain;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.TaskStatus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Who may open an attempt and how it is reported: rules 3, 4 and 5. Each check throws the refusal. */
final class AttemptRules {

    private AttemptRules() {
    }

    /** Rule 3: only leaves are started and reported; a container's status rolls up from its children. */
    static void requireLeaf(TaskState task, String action) {
        if (!task.isLeaf()) {
            throw new TaskledgerException(ErrorCode.NOT_A_LEAF, task.key() + " cannot be " + action + ": it is a "
                    + task.level() + " with children (" + keys(task.children())
                    + ") and only leaves are " + action);
        }
    }

    /** Rule 4: only a READY leaf is started, and only by its assignee when it has one. */
    static void checkCanStart(Plan plan, TaskState task, String agent) {
        requireLeaf(task, "started");
        if (task.status() == TaskStatus.PENDING) {
            String waits = plan.blockers(task).stream()
                    .map(blocker -> "prerequisite " + blocker + " is " + plan.require(blocker).status()
                            + ", not SUCCEEDED")
                    .collect(Collectors.joining("; "));
            throw new TaskledgerException(ErrorCode.TASK_NOT_READY, task.key() + " cannot start: " + waits);
        }
        if (task.status() != TaskStatus.READY) {
            throw new TaskledgerException(ErrorCode.TASK_NOT_READY,
                    task.key() + " cannot start: it is " + task.status() + ", not READY");
        }
        if (task.assignee() != null && !task.assignee().equals(agent)) {
            throw new TaskledgerException(ErrorCode.NOT_ASSIGNEE, task.key() + " cannot be started by " + agent
                    + ": it is assigned to " + task.assignee());
        }
    }

    /** Rule 5: the holder reports the open attempt. Returns the reporting agent, the holder when none is named. */
    static String checkReporter(TaskState task, int attempt, String agent) {
        requireLeaf(task, "reported");
        if (task.status() != TaskStatus.IN_PROGRESS || !task.hasOpenAttempt()) {
            throw new TaskledgerException(ErrorCode.TASK_NOT_IN_PROGRESS, "attempt " + attempt + " of " + task.key()
                    + " cannot be reported: the task is " + task.status() + " with no open attempt");
        }
        if (attempt != task.openAttempt()) {
            throw new TaskledgerException(ErrorCode.NOT_CURRENT_ATTEMPT, "attempt " + attempt + " of " + task.key()
                    + " cannot be reported: the open attempt is " + task.openAttempt());
        }
        if (agent != null && !agent.equals(task.holder())) {
            throw new TaskledgerException(ErrorCode.NOT_ATTEMPT_HOLDER, "attempt " + attempt + " of " + task.key()
                    + " cannot be reported by " + agent + ": it is held by " + task.holder());
        }
        return task.holder();
    }

    /** Rule 5: a report has exactly one result for every success criterion of the task, and none other. */
    static void checkResultsComplete(TaskState task, List<CriterionResult> results) {
        Set<String> expected = new LinkedHashSet<>(task.definition().criterionNames());
        Set<String> reported = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (CriterionResult result : results) {
            if (result == null || result.criterion() == null) {
                problems.add("a result names no criterion");
            } else if (!expected.contains(result.criterion())) {
                problems.add("unknown criterion " + result.criterion());
            } else if (!reported.add(result.criterion())) {
                problems.add("criterion " + result.criterion() + " is reported twice");
            }
        }
        expected.stream().filter(name -> !reported.contains(name))
                .forEach(name -> problems.add("no result for criterion " + name));
        if (!problems.isEmpty()) {
            throw new TaskledgerException(ErrorCode.INCOMPLETE_REPORT, "report of attempt " + task.openAttempt()
                    + " of " + task.key() + " is incomplete: " + String.join("; ", problems), problems);
        }
    }

    /** The criteria reported as not passed, in the task's criterion order. */
    static List<String> failedCriteria(TaskState task, List<CriterionResult> results) {
        Set<String> failed = results.stream().filter(result -> !result.passed())
                .map(CriterionResult::criterion).collect(Collectors.toSet());
        return task.definition().criterionNames().stream().filter(failed::contains).toList();
    }

    private static String keys(List<TaskKey> keys) {
        return keys.stream().map(TaskKey::value).collect(Collectors.joining(", "));
    }
}
