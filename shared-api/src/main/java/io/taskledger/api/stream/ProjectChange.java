package io.taskledger.api.stream;

import java.time.Instant;

/**
 * One committed change of a project, as its live stream sends it: the event that made the project's version
 * {@code version} (its sequence number), by type ({@code TaskStarted}, ...), the task it concerns (null for a
 * project-wide event such as {@code MemberAdded}), when and by whom.
 *
 * @param taskKey null when the event concerns no single task
 * @param actor   null for the server's own events (a lease that expired)
 */
public record ProjectChange(String projectId, long version, String type, String taskKey, String eventId,
                            Instant occurredAt, String actor) {
}
