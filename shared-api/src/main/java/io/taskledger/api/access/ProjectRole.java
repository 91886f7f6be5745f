package io.taskledger.api.access;

/** A member's role in one project. */
public enum ProjectRole {
    /** Plans the project and manages its members, owners included. */
    OWNER,
    /** Plans the project, resolves escalations, manages non-owner members. */
    MANAGER,
    /** Works tasks (a person). */
    CONTRIBUTOR,
    /** Works tasks (an AI agent). */
    AGENT,
    /** Reads the project. */
    VIEWER
}
