package io.taskledger.api.event;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Attempt {@code attempt} of a leaf task opened for {@code agent}, who holds it until it reports or the lease expires. An unassigned task is thereby claimed by the agent. */
@Revision("1")
public record TaskStarted(
        ProjectId projectId,
        TaskKey taskKey,
        int attempt,
        String agent,
        Instant startedAt,
        Instant leaseExpiresAt) implements TaskEvent {
}
