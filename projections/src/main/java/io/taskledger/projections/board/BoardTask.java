package io.taskledger.projections.board;

import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A phase, task or subtask: its definition as the plan states it, and where its lifecycle stands. */
public class BoardTask {

    /** The task's key within its project. */
    public record Id(UUID projectId, String taskKey) {
    }

    private UUID projectId;

    private String taskKey;

    private TaskLevel level;

    private String parentKey;

    private String title;

    private String description;

    private TaskStatus status;

    private String assignee;

    private Priority priority;

    private int maxRetries;

    private FailurePolicy onFailure;

    private String escalateTo;

    private int timeoutMinutes;

    private List<TaskKey> prerequisites;

    private List<Step> steps;

    private int position;

    /** True until a child joins; only leaves are started. */
    private boolean leaf;

    /** Attempts opened so far: the number of the latest. */
    private int attempts;

    BoardTask(UUID projectId, TaskDefinition definition, int position) {
        this(projectId, definition.key(), definition.level(), definition.parent(), definition.title(),
                definition.description(), TaskStatus.PENDING, definition.assignee(), definition.priority(),
                definition.maxRetries(), definition.onFailure(), definition.escalateTo(), definition.timeoutMinutes(),
                definition.prerequisites(), definition.steps(), position, true, 0);
    }

    /** A row as stored. */
    BoardTask(UUID projectId, TaskKey key, TaskLevel level, TaskKey parent, String title, String description,
              TaskStatus status, String assignee, Priority priority, int maxRetries, FailurePolicy onFailure,
              String escalateTo, int timeoutMinutes, List<TaskKey> prerequisites, List<Step> steps, int position,
              boolean leaf, int attempts) {
        this.projectId = projectId;
        this.taskKey = key.value();
        this.level = level;
        this.parentKey = parent == null ? null : parent.value();
        this.title = title;
        this.description = description;
        this.status = status;
        this.assignee = assignee;
        this.priority = priority;
        this.maxRetries = maxRetries;
        this.onFailure = onFailure;
        this.escalateTo = escalateTo;
        this.timeoutMinutes = timeoutMinutes;
        this.prerequisites = prerequisites;
        this.steps = steps;
        this.position = position;
        this.leaf = leaf;
        this.attempts = attempts;
    }

    void moveTo(TaskStatus newStatus) {
        status = newStatus;
    }

    void assignTo(String newAssignee) {
        assignee = newAssignee;
    }

    /** Attempt {@code number} opened for {@code agent}; an unassigned task is thereby claimed. */
    void start(int number, String agent) {
        status = TaskStatus.IN_PROGRESS;
        attempts = number;
        if (assignee == null) {
            assignee = agent;
        }
    }

    void becomeContainer() {
        leaf = false;
    }

    void addPrerequisite(TaskKey prerequisite) {
        if (!prerequisites.contains(prerequisite)) {
            List<TaskKey> updated = new ArrayList<>(prerequisites);
            updated.add(prerequisite);
            prerequisites = List.copyOf(updated);
        }
    }

    void removePrerequisite(TaskKey prerequisite) {
        prerequisites = prerequisites.stream().filter(key -> !key.equals(prerequisite)).toList();
    }

    TaskOutline outline() {
        return new TaskOutline(projectId, getKey(), level, getParent(), title, status, assignee, priority, attempts,
                maxRetries, prerequisites, position);
    }

    public UUID getProjectId() {
        return projectId;
    }

    public TaskKey getKey() {
        return TaskKey.of(taskKey);
    }

    public TaskLevel getLevel() {
        return level;
    }

    public TaskKey getParent() {
        return parentKey == null ? null : TaskKey.of(parentKey);
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public TaskStatus getStatus() {
        return status;
    }

    public String getAssignee() {
        return assignee;
    }

    public Priority getPriority() {
        return priority;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public FailurePolicy getOnFailure() {
        return onFailure;
    }

    public String getEscalateTo() {
        return escalateTo;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    public List<TaskKey> getPrerequisites() {
        return prerequisites;
    }

    public List<Step> getSteps() {
        return steps;
    }

    public int getPosition() {
        return position;
    }

    public boolean isLeaf() {
        return leaf;
    }

    public int getAttempts() {
        return attempts;
    }
}
