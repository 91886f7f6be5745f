package io.taskledger.api.audit;

import io.taskledger.api.ids.ProjectId;

import java.util.List;

/**
 * One page of a project's events. A project's sequence numbers have no gaps and are committed in order, so asking
 * again with {@code after = nextAfter} continues exactly where this page ended, however many events are written
 * meanwhile.
 *
 * @param nextAfter the sequence number of the last event on this page (the {@code after} of the next page), or the
 *                  request's {@code after} when the page is empty
 * @param hasMore   whether events past this page existed when it was read
 */
public record ProjectEventPage(ProjectId projectId, List<RecordedEvent> events, long nextAfter, boolean hasMore) {
}
