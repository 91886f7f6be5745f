package io.taskledger.api.plan;

/** Why an attempt failed. */
public enum AttemptFailureReason {
    /** The holder reported at least one success criterion as not passed. */
    CRITERIA_FAILED,
    /** The lease expired before the holder reported. */
    TIMED_OUT
}
