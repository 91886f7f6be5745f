package io.taskledger.api.query;

import io.taskledger.api.access.Caller;

/**
 * The escalation inbox, oldest first, one page of it (the cursor names the last escalation as
 * {@code projectId/taskKey/attempts}); status OPEN, RESOLVED or null for all. Answer: {@link EscalationList}. Only
 * projects the viewer may see.
 */
public record FindEscalationsQuery(String status, Caller viewer, PageRequest page) {

    public FindEscalationsQuery(String status, Caller viewer) {
        this(status, viewer, PageRequest.FIRST);
    }
}
