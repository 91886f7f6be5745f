package io.taskledger.api.query;

/** The escalation inbox; status OPEN, RESOLVED or null for all. Answer: {@link EscalationList}. */
public record FindEscalationsQuery(String status) {
}
