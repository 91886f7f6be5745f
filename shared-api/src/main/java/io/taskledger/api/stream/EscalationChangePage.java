package io.taskledger.api.stream;

import java.util.List;

/**
 * Changes of a viewer's escalation inbox after a position, oldest first, at most a page of them.
 *
 * @param position the store's newest position when the page was read, or the last change's when more follow
 */
public record EscalationChangePage(List<EscalationChange> changes, boolean hasMore, long position) {

    public EscalationChangePage {
        changes = List.copyOf(changes);
    }
}
