package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The holder's report of an attempt: a result for every success criterion. A null agent means the holder itself. */
public record ReportAttemptCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        TaskKey taskKey,
        int attempt,
        String agent,
        List<CriterionResult> results) implements TaskCommand {
}
