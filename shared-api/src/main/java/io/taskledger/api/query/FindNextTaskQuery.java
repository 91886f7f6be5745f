package io.taskledger.api.query;

import io.taskledger.api.access.Caller;

/**
 * The READY leaf an agent should take next: assigned to it or to no one, by priority, then plan order, over
 * projects not archived. Answer: an optional {@link TaskRow}. Only projects the agent works in (member as AGENT or
 * CONTRIBUTOR) and the viewer may see.
 */
public record FindNextTaskQuery(String agent, Caller viewer) {
}
