package io.taskledger.api.audit;

import io.taskledger.api.ids.ProjectId;

import java.util.List;

/**
 * The chain from an event back to what caused it, effect first: the event, then the events the same message
 * produced before it (nearest first: within one unit of work, each follows from those before it), then the
 * command or deadline that produced them all. A deadline is followed further back to the message that scheduled it
 * (its events' {@code deadlineScheduledBy}): that message's events, nearest first, then that message itself; so the
 * chain of an attempt that timed out ends at the {@code StartTaskCommand} that opened its lease.
 */
public record CausationChain(ProjectId projectId, String eventId, List<HistoryEntry> chain) {
}
