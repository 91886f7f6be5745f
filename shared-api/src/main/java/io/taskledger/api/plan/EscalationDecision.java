package io.taskledger.api.plan;

/** A manager's answer to an escalated task. */
public enum EscalationDecision {
    /** Ready again, with a fresh retry budget. */
    RETRY,
    /** Succeeded on the manager's word, recorded with the justification. */
    ACCEPT,
    /** Cancelled. */
    CANCEL
}
