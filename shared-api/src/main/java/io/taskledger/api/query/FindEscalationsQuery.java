package io.taskledger.api.query;

import io.taskledger.api.access.Caller;

/**
 * The escalation inbox; status OPEN, RESOLVED or null for all. Answer: {@link EscalationList}. Only projects the
 * viewer may see.
 */
public record FindEscalationsQuery(String status, Caller viewer) {
}
