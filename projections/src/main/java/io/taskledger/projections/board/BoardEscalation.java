package io.taskledger.projections.board;

import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.query.EscalationView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An entry of the escalation inbox. A task may be escalated again after a RETRY, so a task has one entry per
 * escalation, at most one of them OPEN.
 */
public class BoardEscalation {

    private Long id;

    private UUID projectId;

    private String taskKey;

    /** {@link EscalationView#OPEN} or {@link EscalationView#RESOLVED}. */
    private String status;

    private String escalateTo;

    private int attempts;

    private Instant escalatedAt;

    private List<CriterionResult> failedCriteria;

    private boolean lastAttemptTimedOut;

    private EscalationDecision decision;

    private String justification;

    private Instant resolvedAt;

    BoardEscalation(UUID projectId, String taskKey, String escalateTo, int attempts, Instant escalatedAt,
                    List<CriterionResult> failedCriteria, boolean lastAttemptTimedOut) {
        this(null, projectId, taskKey, EscalationView.OPEN, escalateTo, attempts, escalatedAt,
                List.copyOf(failedCriteria), lastAttemptTimedOut, null, null, null);
    }

    /** A row as stored; {@code id} is null until the database numbers it. */
    BoardEscalation(Long id, UUID projectId, String taskKey, String status, String escalateTo, int attempts,
                    Instant escalatedAt, List<CriterionResult> failedCriteria, boolean lastAttemptTimedOut,
                    EscalationDecision decision, String justification, Instant resolvedAt) {
        this.id = id;
        this.projectId = projectId;
        this.taskKey = taskKey;
        this.status = status;
        this.escalateTo = escalateTo;
        this.attempts = attempts;
        this.escalatedAt = escalatedAt;
        this.failedCriteria = failedCriteria;
        this.lastAttemptTimedOut = lastAttemptTimedOut;
        this.decision = decision;
        this.justification = justification;
        this.resolvedAt = resolvedAt;
    }

    Long id() {
        return id;
    }

    UUID projectId() {
        return projectId;
    }

    String taskKey() {
        return taskKey;
    }

    String status() {
        return status;
    }

    String escalateTo() {
        return escalateTo;
    }

    int attempts() {
        return attempts;
    }

    Instant escalatedAt() {
        return escalatedAt;
    }

    List<CriterionResult> failedCriteria() {
        return failedCriteria;
    }

    boolean lastAttemptTimedOut() {
        return lastAttemptTimedOut;
    }

    EscalationDecision decision() {
        return decision;
    }

    String justification() {
        return justification;
    }

    Instant resolvedAt() {
        return resolvedAt;
    }

    boolean belongsTo(UUID project) {
        return projectId.equals(project);
    }

    boolean isOpenFor(UUID project, String task) {
        return EscalationView.OPEN.equals(status) && projectId.equals(project) && taskKey.equals(task);
    }

    void resolve(EscalationDecision chosen, String why, Instant at) {
        status = EscalationView.RESOLVED;
        decision = chosen;
        justification = why;
        resolvedAt = at;
    }
}
