package io.taskledger.projections.board;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.SuccessCriterion;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.PageRequest;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskDetails;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The board's answers made from its rows, wherever they come from: the live tables ({@link TaskBoardQueries}) or
 * a board of the past rebuilt in memory ({@link BoardTimeTravel}), so both answer in the same shapes.
 */
final class BoardViews {

    private BoardViews() {
    }

    /** @param projectTasks every task of the project, in plan order */
    static TaskList tasks(List<BoardTask> projectTasks, FindTasksQuery query) {
        return taskList(outlines(projectTasks), query);
    }

    /**
     * The page the query asks for: the filtered tasks past the cursor's position. Every task is still needed, to say
     * what each row waits for.
     *
     * @param outlines every task of the project, in plan order
     */
    static TaskList taskList(List<TaskOutline> outlines, FindTasksQuery query) {
        ProjectPlan plan = new ProjectPlan(outlines);
        PageRequest page = query.page();
        long after = page.afterNumber();
        List<TaskOutline> read = outlines.stream()
                .filter(task -> task.position() > after)
                .filter(filter(query.status(), query.assignee(), query.level()))
                .limit(page.rowsToRead())
                .toList();
        return new TaskList(page.items(read).stream().map(task -> row(task, plan.blockedBy(task.key()))).toList(),
                page.end(read, task -> String.valueOf(task.position())));
    }

    /**
     * @param projectTasks every task of the project, in plan order
     * @return null when the project has no such task
     */
    static TaskDetails task(List<BoardTask> projectTasks, TaskKey key,
                            Function<BoardTask, List<BoardAttempt>> attemptsOf) {
        ProjectPlan plan = new ProjectPlan(outlines(projectTasks));
        return projectTasks.stream()
                .filter(task -> task.getKey().equals(key))
                .findFirst()
                .map(task -> details(task, plan, attemptsOf.apply(task)))
                .orElse(null);
    }

    /** What the database's group-by answers for the live board, counted from the rows themselves. */
    static List<StatusCount> countByStatus(List<BoardTask> projectTasks) {
        Map<List<Object>, Long> counts = projectTasks.stream().collect(Collectors.groupingBy(
                task -> List.of(task.getProjectId(), task.getStatus(), task.isLeaf()), Collectors.counting()));
        return projectTasks.stream()
                .map(task -> new StatusCount(task.getProjectId(), task.getStatus(), task.isLeaf(),
                        counts.get(List.of(task.getProjectId(), task.getStatus(), task.isLeaf()))))
                .distinct()
                .toList();
    }

    static ProjectSummary summary(BoardProject project, List<StatusCount> counts) {
        BoardStatistics statistics = BoardStatistics.of(counts);
        return new ProjectSummary(new ProjectId(project.getProjectId()), project.getKey(), project.getName(),
                project.getDescription(), project.isArchived(), project.getCreatedAt(), project.getVersion(),
                statistics.taskCount(), statistics.countsByStatus(), statistics.progressPercent());
    }

    /**
     * The project's task rows that pass the filters (each null for all), every one of them.
     *
     * @param outlines every task of the project, in plan order
     */
    static List<TaskRow> rows(List<TaskOutline> outlines, TaskStatus status, String assignee, TaskLevel level) {
        ProjectPlan plan = new ProjectPlan(outlines);
        return outlines.stream().filter(filter(status, assignee, level))
                .map(task -> row(task, plan.blockedBy(task.key()))).toList();
    }

    private static Predicate<TaskOutline> filter(TaskStatus status, String assignee, TaskLevel level) {
        return task -> (status == null || task.status() == status)
                && (assignee == null || assignee.equals(task.assignee()))
                && (level == null || task.level() == level);
    }

    static TaskRow row(TaskOutline task, List<TaskKey> blockedBy) {
        return new TaskRow(new ProjectId(task.projectId()), task.key(), task.level(), task.parent(), task.title(),
                task.status(), task.assignee(), task.priority(), task.attempts(), task.maxRetries(), blockedBy,
                task.position());
    }

    static TaskDetails details(BoardTask task, ProjectPlan plan, List<BoardAttempt> history) {
        return new TaskDetails(new ProjectId(task.getProjectId()), task.getKey(), task.getLevel(), task.getParent(),
                task.getTitle(), task.getDescription(), task.getStatus(), task.getAssignee(), task.getPriority(),
                task.getAttempts(), task.getMaxRetries(), task.getOnFailure(), task.getEscalateTo(),
                task.getTimeoutMinutes(), task.getPrerequisites(), plan.blockedBy(task.getKey()),
                plan.childrenOf(task.getKey()),
                task.getPosition(), task.getSteps().stream().map(BoardViews::stepView).toList(),
                history.stream().map(BoardAttempt::toView).toList());
    }

    private static List<TaskOutline> outlines(List<BoardTask> projectTasks) {
        return projectTasks.stream().map(BoardTask::outline).toList();
    }

    static TaskDetails.StepView stepView(Step step) {
        List<String> names = step.criterionNames();
        List<TaskDetails.CriterionView> criteria = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            SuccessCriterion criterion = step.successCriteria().get(i);
            criteria.add(new TaskDetails.CriterionView(names.get(i), criterion.type(), criterion.expected()));
        }
        return new TaskDetails.StepView(step.key(), step.description(), criteria);
    }
}
