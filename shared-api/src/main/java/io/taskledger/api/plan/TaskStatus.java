package io.taskledger.api.plan;

/** The lifecycle of a task; see docs/architecture.md for the transitions. */
public enum TaskStatus {
    PENDING, READY, IN_PROGRESS, SUCCEEDED, ESCALATED, FAILED, CANCELLED;

    /** A task in a terminal status never changes again. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
