package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionResult;
import org.axonframework.serialization.Revision;

import java.util.List;

/** An attempt failed: a criterion was reported not passed, or the lease expired. {@code failedCriteria} names the criteria not passed (empty on a timeout); {@code retriesLeft} is what remains of the budget. */
@Revision("1")
public record AttemptFailed(
        ProjectId projectId,
        TaskKey taskKey,
        int attempt,
        String agent,
        AttemptFailureReason reason,
        List<CriterionResult> results,
        List<String> failedCriteria,
        int retriesLeft) implements TaskEvent {
}
