package io.taskledger.api.query;

/** The READY leaf an agent should take next: assigned to it or to no one, by priority, then plan order, over projects not archived. Answer: an optional {@link TaskRow}. */
public record FindNextTaskQuery(String agent) {
}
