package io.taskledger.api.stream;

import java.time.Instant;

/**
 * A change of the escalation inbox: a task escalated ({@code TaskEscalated}) or an escalation resolved
 * ({@code EscalationResolved}), at {@code position}, the event's position in the whole event store (its
 * {@code global_index}), which is what a stream of the inbox resumes from.
 */
public record EscalationChange(long position, String type, String projectId, long version, String taskKey,
                               String eventId, Instant occurredAt, String actor) {
}
