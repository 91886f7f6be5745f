package io.taskledger.projections.stream;

import io.taskledger.api.event.ProjectEvent;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskEvent;
import io.taskledger.api.stream.ProjectChange;
import io.taskledger.projections.audit.ProjectEventLog;
import org.axonframework.eventhandling.DomainEventMessage;

/** A stored project event as a stream sends it, the same whether read live or from the history. */
final class Changes {

    private Changes() {
    }

    static ProjectChange of(DomainEventMessage<?> event) {
        ProjectEvent payload = (ProjectEvent) event.getPayload();
        return new ProjectChange(payload.projectId().toString(), event.getSequenceNumber(),
                event.getPayloadType().getSimpleName(), taskKey(payload), event.getIdentifier(), event.getTimestamp(),
                ProjectEventLog.auditMetadata(event.getMetaData()).actor());
    }

    private static String taskKey(ProjectEvent event) {
        if (event instanceof TaskEvent taskEvent) {
            return taskEvent.taskKey().value();
        }
        if (event instanceof TaskAdded added) {
            return added.task().key().value();
        }
        return null;
    }
}
