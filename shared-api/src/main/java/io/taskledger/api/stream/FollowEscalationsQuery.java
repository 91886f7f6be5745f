package io.taskledger.api.stream;

import io.taskledger.api.access.Caller;

/**
 * The viewer's escalation inbox, live: as {@link FollowProjectQuery}, for the escalations of every project the
 * viewer may see (as {@code FindEscalationsQuery} decides them), resumed from a position of the event store.
 *
 * @param afterPosition null to follow from the store's newest position on
 */
public record FollowEscalationsQuery(Caller viewer, Long afterPosition, int limit) {

    public FollowEscalationsQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one change, not " + limit);
        }
    }
}
