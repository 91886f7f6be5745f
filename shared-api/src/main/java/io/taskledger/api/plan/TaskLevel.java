package io.taskledger.api.plan;

/** Where a task sits in a plan: phases hold tasks, tasks hold subtasks. */
public enum TaskLevel {
    PHASE, TASK, SUBTASK;

    /** The level a parent of this level must have, or null for a top-level phase. */
    public TaskLevel parentLevel() {
        return switch (this) {
            case PHASE -> null;
            case TASK -> PHASE;
            case SUBTASK -> TASK;
        };
    }
}
