package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.EscalationDecision;

import java.time.Instant;
import java.util.List;

/**
 * An entry of the escalation inbox: a task whose attempts ran out, with the criteria its last attempt failed and
 * their evidence. {@code status} is OPEN until a manager decides, then RESOLVED.
 */
public record EscalationView(
        ProjectId projectId,
        String projectKey,
        TaskKey taskKey,
        String title,
        String assignee,
        String escalateTo,
        String status,
        int attempts,
        Instant escalatedAt,
        List<CriterionResult> failedCriteria,
        boolean lastAttemptTimedOut,
        EscalationDecision decision,
        String justification,
        Instant resolvedAt) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
}
