package io.taskledger.command.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What the aggregate knows of one task. Only the event-sourcing handlers of {@link Project} change it; fields are
 * mutable and visible to Jackson so snapshots round-trip.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class TaskState {

    private TaskDefinition definition;
    private TaskStatus status;
    private String assignee;
    private List<TaskKey> prerequisites;
    private List<TaskKey> children;
    /** Attempts opened over the task's life; attempt numbers keep counting across escalation retries. */
    private int attemptsOpened;
    /** Attempts opened since the budget was last reset (by a RETRY decision). */
    private int attemptsInBudget;
    /** The open attempt's number, 0 when none is open. */
    private int openAttempt;
    private String holder;
    /** A leaf opened an attempt, or a container saw a child start: its structure is frozen (rule 7). */
    private boolean started;
    /** Its position in the plan's reconciliation index ({@link Plan}); derived, never serialized. */
    private transient int position;

    TaskState() {
        // for Jackson
    }

    TaskState(TaskDefinition definition) {
        this.definition = definition;
        this.status = TaskStatus.PENDING;
        this.assignee = definition.assignee();
        this.prerequisites = new ArrayList<>(definition.prerequisites());
        this.children = new ArrayList<>();
    }

    /** A copy for trying out structural changes without touching the aggregate's state. */
    TaskState copy() {
        TaskState copy = new TaskState(definition);
        copy.status = status;
        copy.assignee = assignee;
        copy.prerequisites = new ArrayList<>(prerequisites);
        copy.children = new ArrayList<>(children);
        copy.attemptsOpened = attemptsOpened;
        copy.attemptsInBudget = attemptsInBudget;
        copy.openAttempt = openAttempt;
        copy.holder = holder;
        copy.started = started;
        return copy;
    }

    TaskKey key() {
        return definition.key();
    }

    TaskKey parent() {
        return definition.parent();
    }

    TaskLevel level() {
        return definition.level();
    }

    TaskDefinition definition() {
        return definition;
    }

    TaskStatus status() {
        return status;
    }

    String assignee() {
        return assignee;
    }

    /** A read-only view: reconciliation reads it for every task on every command, so it is not copied. */
    List<TaskKey> prerequisites() {
        return Collections.unmodifiableList(prerequisites);
    }

    /** A read-only view, as {@link #prerequisites()}. */
    List<TaskKey> children() {
        return Collections.unmodifiableList(children);
    }

    boolean isLeaf() {
        return children.isEmpty();
    }

    boolean isFinished() {
        return status.isTerminal();
    }

    boolean hasStarted() {
        return started;
    }

    boolean hasOpenAttempt() {
        return openAttempt > 0;
    }

    int openAttempt() {
        return openAttempt;
    }

    String holder() {
        return holder;
    }

    int attemptsOpened() {
        return attemptsOpened;
    }

    /** Attempts still allowed in the current budget of {@code maxRetries + 1}. */
    int retriesLeft() {
        return Math.max(0, definition.maxRetries() + 1 - attemptsInBudget);
    }

    int position() {
        return position;
    }

    void placeAt(int newPosition) {
        position = newPosition;
    }

    void addChild(TaskKey child) {
        children.add(child);
    }

    void addPrerequisite(TaskKey prerequisite) {
        prerequisites.add(prerequisite);
    }

    void removePrerequisite(TaskKey prerequisite) {
        prerequisites.remove(prerequisite);
    }

    void changeStatus(TaskStatus newStatus) {
        status = newStatus;
    }

    void assignTo(String newAssignee) {
        assignee = newAssignee;
    }

    void openAttempt(int attempt, String agent) {
        attemptsOpened = attempt;
        attemptsInBudget++;
        openAttempt = attempt;
        holder = agent;
        started = true;
        status = TaskStatus.IN_PROGRESS;
        if (assignee == null) {
            assignee = agent;
        }
    }

    void closeAttempt() {
        openAttempt = 0;
        holder = null;
    }

    void markContainerStarted() {
        started = true;
        status = TaskStatus.IN_PROGRESS;
    }

    void resetRetryBudget() {
        attemptsInBudget = 0;
    }

    /** State equality: event sourcing must rebuild exactly the state the command handlers saw (and snapshots too). */
    @Override
    public boolean equals(Object other) {
        return other instanceof TaskState that
                && attemptsOpened == that.attemptsOpened
                && attemptsInBudget == that.attemptsInBudget && openAttempt == that.openAttempt
                && started == that.started && status == that.status
                && Objects.equals(definition, that.definition) && Objects.equals(assignee, that.assignee)
                && Objects.equals(prerequisites, that.prerequisites) && Objects.equals(children, that.children)
                && Objects.equals(holder, that.holder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(definition.key(), status, openAttempt);
    }

    @Override
    public String toString() {
        return key() + " " + status + (openAttempt > 0 ? " attempt " + openAttempt + " held by " + holder : "");
    }
}
