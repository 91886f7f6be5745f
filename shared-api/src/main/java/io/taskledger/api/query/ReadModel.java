package io.taskledger.api.query;

/** The read models a read is answered from, as far as a read waits for one to catch up ({@link AwaitPositionQuery}). */
public enum ReadModel {
    /** Projects, their tasks and members, escalations, agents' workloads and next tasks. */
    TASK_BOARD,
    /** The accounts. */
    USER_DIRECTORY
}
