package io.taskledger.api.plan;

/** What happens to a task whose attempts are exhausted. */
public enum FailurePolicy {
    ESCALATE_TO_HUMAN, FAIL
}
