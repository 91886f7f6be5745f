package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.EscalationDecision;
import org.axonframework.serialization.Revision;

/** A manager decided on an escalated task, and said why. */
@Revision("1")
public record EscalationResolved(
        ProjectId projectId,
        TaskKey taskKey,
        EscalationDecision decision,
        String justification) implements TaskEvent {
}
