package io.taskledger.command.domain;

/**
 * The project keys in use across all projects, for the set-based rule that keys are unique case-insensitively.
 * The aggregate only sees one project, so creation asks this lookup table first.
 */
public interface ProjectKeyRegistry {

    /** Whether a project already uses this key, compared case-insensitively. */
    boolean isTaken(String key);
}
