package io.taskledger.api.plan;

/** On what grounds a task succeeded. */
public enum SuccessBasis {
    /** The holder reported every success criterion passed. */
    CRITERIA_PASSED,
    /** A manager accepted the task on escalation. */
    ACCEPTED_ON_ESCALATION,
    /** A container whose children all succeeded (cancelled children aside). */
    CHILDREN_SUCCEEDED
}
