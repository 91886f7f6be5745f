package io.taskledger.api.plan;

/** Ordering hint for agents picking their next task; declared from most to least urgent. */
public enum Priority {
    CRITICAL, HIGH, MEDIUM, LOW
}
