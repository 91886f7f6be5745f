package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import org.axonframework.serialization.Revision;

import java.util.List;

/** The holder reported every success criterion of the attempt passed. */
@Revision("1")
public record AttemptSucceeded(
        ProjectId projectId,
        TaskKey taskKey,
        int attempt,
        String agent,
        List<CriterionResult> results) implements TaskEvent {
}
