package io.taskledger.api.command;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.EscalationDecision;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A manager's decision on an escalated task. */
public record ResolveEscalationCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        TaskKey taskKey,
        EscalationDecision decision,
        String justification) implements TaskCommand {
}
