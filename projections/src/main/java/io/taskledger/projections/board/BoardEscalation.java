package io.taskledger.projections.board;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.query.EscalationView;
import io.taskledger.projections.json.CriterionResultListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An entry of the escalation inbox. A task may be escalated again after a RETRY, so a task has one entry per
 * escalation, at most one of them OPEN.
 */
@Entity
@Table(name = "board_escalation")
public class BoardEscalation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "task_key")
    private String taskKey;

    /** {@link EscalationView#OPEN} or {@link EscalationView#RESOLVED}. */
    private String status;

    @Column(name = "escalate_to")
    private String escalateTo;

    private int attempts;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Convert(converter = CriterionResultListConverter.class)
    @Column(name = "failed_criteria")
    private List<CriterionResult> failedCriteria;

    @Column(name = "last_attempt_timed_out")
    private boolean lastAttemptTimedOut;

    @Enumerated(EnumType.STRING)
    private EscalationDecision decision;

    private String justification;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    protected BoardEscalation() {
    }

    BoardEscalation(UUID projectId, String taskKey, String escalateTo, int attempts, Instant escalatedAt,
                    List<CriterionResult> failedCriteria, boolean lastAttemptTimedOut) {
        this.projectId = projectId;
        this.taskKey = taskKey;
        this.status = EscalationView.OPEN;
        this.escalateTo = escalateTo;
        this.attempts = attempts;
        this.escalatedAt = escalatedAt;
        this.failedCriteria = List.copyOf(failedCriteria);
        this.lastAttemptTimedOut = lastAttemptTimedOut;
    }

    String taskKey() {
        return taskKey;
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

    EscalationView toView(BoardProject project, BoardTask task) {
        return new EscalationView(new ProjectId(projectId), project.getKey(), task.getKey(),
                task.getTitle(), task.getAssignee(), escalateTo, status, attempts, escalatedAt, failedCriteria,
                lastAttemptTimedOut, decision, justification, resolvedAt);
    }
}
