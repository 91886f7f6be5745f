package io.taskledger.projections.board;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.query.EscalationView;

/** An escalation with what the inbox shows of the project and task it names, read in one query. */
record EscalationEntry(BoardEscalation escalation, String projectKey, String taskTitle, String taskAssignee) {

    EscalationView toView() {
        BoardEscalation e = escalation;
        return new EscalationView(new ProjectId(e.projectId()), projectKey, TaskKey.of(e.taskKey()), taskTitle,
                taskAssignee, e.escalateTo(), e.status(), e.attempts(), e.escalatedAt(), e.failedCriteria(),
                e.lastAttemptTimedOut(), e.decision(), e.justification(), e.resolvedAt());
    }
}
